# id() reuse of generators, generator expressions, frame objects, nested functions and instances (same size class, nothing in between)
import gc
gc.collect()
def g():
    yield 1
def big(a, b, c, d, e):
    x = y = z = 0
    yield a
a = g(); i = id(a); del a
b = g(); print(id(b) == i)
c = big(1, 2, 3, 4, 5); j = id(c); del c
d = big(1, 2, 3, 4, 5); print(id(d) == j)
e = (x for x in "ab"); k = id(e); del e
f = (x for x in "ab"); print(id(f) == k)
next(b)
fr = b.gi_frame; m = id(fr); del fr
print(id(b.gi_frame) == m)
def h():
    def inner(): pass
    return inner
f1 = h(); n = id(f1); del f1
f2 = h(); print(id(f2) == n)
class K: pass
k1 = K(); o = id(k1); del k1
k2 = K(); print(id(k2) == o)
