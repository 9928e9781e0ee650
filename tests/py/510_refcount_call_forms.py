# sys.getrefcount through keyword calls, *args, __init__, map/sorted/dict/tuple/zip consumers and comprehensions
import sys
o = object()
base = sys.getrefcount(o)
def kw(a=None, b=None):
    return sys.getrefcount(a)
def va(*args):
    return sys.getrefcount(args[0])
lst = [o, o]
print(kw(a=o) - base, kw(o) - base, kw(b=1, a=o) - base - 0)
print(va(*lst) - base, va(*(o,)) - base, va(o, o, o) - base)
class C:
    def __init__(self, v):
        self.v = v
        self.r = sys.getrefcount(v)
c = C(o)
print(c.r - base, sys.getrefcount(o) - base)
m = map(lambda v: sys.getrefcount(v), [o])
print(next(m) - base)
s = sorted([o, o], key=lambda v: 0)
print(sys.getrefcount(o) - base)
d = dict(k=o)
print(sys.getrefcount(o) - base)
t = tuple(lst)
print(sys.getrefcount(o) - base)
z = list(zip(lst, lst))
print(sys.getrefcount(o) - base)
del z, t, d, s, m, c
print(sys.getrefcount(o) - base)
e = [x for x in lst]
print(sys.getrefcount(o) - base)
del e
print({k: sys.getrefcount(o) - base for k in range(1)})
print(any([sys.getrefcount(o) - base > 0 for v in lst]))
