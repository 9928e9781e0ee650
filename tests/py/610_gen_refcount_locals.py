# refcounts of objects in suspended frames: arguments, locals, loop iterators, after each step
import sys
class T:
    pass
t = T()
base = sys.getrefcount(t)
def g(a):
    b = a
    c = [a, a]
    yield 1
    del c
    yield 2
    b = None
    yield 3
it = g(t)
r = [sys.getrefcount(t) - base]
for _ in range(3):
    next(it)
    r.append(sys.getrefcount(t) - base)
it.close()
r.append(sys.getrefcount(t) - base)
print(r)
def loop(seq):
    for x in seq:
        yield x
lst = [t]
it2 = loop(lst)
print(sys.getrefcount(lst) - 1)
next(it2)
print(sys.getrefcount(lst) - 1, sys.getrefcount(t) - base)
del it2
print(sys.getrefcount(lst) - 1, sys.getrefcount(t) - base)
ge = (x for x in lst)
print(sys.getrefcount(lst) - 1)
next(ge)
print(sys.getrefcount(t) - base)
del ge
print(sys.getrefcount(lst) - 1, sys.getrefcount(t) - base)
