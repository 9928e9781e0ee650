# iter(callable, sentinel), next() with a default, exhausted iterators, StopIteration
values = [1, 2, 3, 0, 4]
pos = [0]
def take():
    v = values[pos[0]]
    pos[0] += 1
    return v
it = iter(take, 0)
print(list(it), pos[0], list(it))
it = iter([10, 20])
print(next(it), next(it), next(it, "dflt"), next(it, None))
try:
    next(it)
except StopIteration as e:
    print(type(e).__name__, repr(e), e.args)
try:
    next([1])
except TypeError as e:
    print(type(e).__name__, e)
try:
    iter(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    iter(5, 0)
except TypeError as e:
    print(type(e).__name__, e)
d = {"a": 1, "b": 2}
di = iter(d)
print(next(di), list(di), next(di, "end"))
s = iter("xy")
print(next(s), next(s), next(s, "done"), iter(s) is s)
r = iter(range(3))
next(r)
print(list(r), list(r))
z = zip([1, 2], "ab")
print(next(z), list(z))
e = enumerate("ab", 5)
print(next(e), next(e), next(e, 0))
