# a bound method holds a reference to its instance (and to the function)
import sys
class C:
    def m(self):
        return sys.getrefcount(self)
o = C()
print("instance:", sys.getrefcount(o))
bm = o.m
print("with a bound method alive:", sys.getrefcount(o))
bm2 = o.m
print("two bound methods:", sys.getrefcount(o), bm is bm2)
del bm, bm2
print("dropped:", sys.getrefcount(o))
print("inside the method (direct call):", o.m())
f = o.m
print("inside the method (via saved bound method):", f())
del f
fn = C.__dict__["m"]
print("function refs: before", sys.getrefcount(fn))
bm = o.m
print("function refs: with bound method", sys.getrefcount(fn))
del bm
methods = [o.m for _ in range(5)]
print("5 bound methods:", sys.getrefcount(o))
methods.clear()
print("cleared:", sys.getrefcount(o))
l = []
app = l.append
print("builtin bound method holds its list:", sys.getrefcount(l))
del app
print("dropped:", sys.getrefcount(l))
