# weakref.proxy forwards operators, len, indexing, iteration and comparison
import weakref
class L(list):
    pass
class D(dict):
    pass
lst = L([3, 1, 2])
p = weakref.proxy(lst)
print(len(p), p[0], p[-1], p[1:], 2 in p, 9 in p)
print(p + [4], p * 2, list(p), sorted(p))
p.append(7)
p[0] = 30
del p[1]
print(lst, p == [30, 2, 7], p != lst, not not p)
print([x * 2 for x in p])
d = D(a=1, b=2)
pd = weakref.proxy(d)
print(pd["a"], len(pd), "b" in pd, sorted(pd.keys()))
pd["c"] = 3
del pd["a"]
print(sorted(d.items()))
empty = L()
pe = weakref.proxy(empty)
print(not pe, len(pe))
del lst, d, empty
for what in ("len", "index", "bool", "iter"):
    try:
        if what == "len":
            len(p)
        elif what == "index":
            p[0]
        elif what == "bool":
            not p
        else:
            iter(pd)
    except ReferenceError as e:
        print(what, type(e).__name__, e)
