# references held by loop variables and iterators
import sys
class C:
    pass
items = [C(), C()]
counts = []
for it in items:
    counts.append(sys.getrefcount(it))
print("loop var at module level:", counts)
print("after loop, last item:", sys.getrefcount(items[1]), sys.getrefcount(it))
del it
print("after del it:", sys.getrefcount(items[1]))
def in_function(seq):
    out = []
    for v in seq:
        out.append(sys.getrefcount(v))
    return out
print("loop var in function:", in_function(items))
lst = [C()]
print("list before iter:", sys.getrefcount(lst))
i = iter(lst)
print("list with live iterator:", sys.getrefcount(lst))
next(i)
del i
print("iterator dropped:", sys.getrefcount(lst))
inside = []
for x in lst:
    inside.append(sys.getrefcount(lst))
print("list during its own for loop:", inside, "after:", sys.getrefcount(lst))
def enumerate_refs(seq):
    return [sys.getrefcount(v) for k, v in enumerate(seq)]
print("enumerate in comprehension:", enumerate_refs(items))
t = (C(), C())
print("tuple items in loop:", [sys.getrefcount(e) for e in t])
