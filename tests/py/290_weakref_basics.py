# weakref.ref: dereference, death, sharing of callback-less refs, refcount unaffected
import sys
import weakref
class A:
    pass
a = A()
before = sys.getrefcount(a)
r = weakref.ref(a)
print(r() is a, sys.getrefcount(a) == before, type(r).__name__)
r2 = weakref.ref(a)
print("callback-less refs are shared:", r is r2)
cb = lambda ref: None
r3 = weakref.ref(a, cb)
r4 = weakref.ref(a, cb)
print("refs with callbacks are not:", r3 is r, r3 is r4)
print("equal while alive:", r == r3, r3 == r4)
del a
print("after death:", r(), r3(), r is r2)
print("dead refs compare by identity:", r == r3, r == r2)
b = A()
rb = weakref.ref(b)
print("alive refs to different objects:", rb == r)
print(weakref.ref(b)() is b)
