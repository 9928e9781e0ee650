# references held by tuples built at run time, unpacking and packing
import sys
class C:
    pass
o = C()
base = sys.getrefcount(o)
t = (o, o, o)
print("tuple of 3:", sys.getrefcount(o) - base)
a, b, c = t
print("unpacked into 3 names:", sys.getrefcount(o) - base)
del a, b, c
u = t + t
print("concatenated:", sys.getrefcount(o) - base)
del u
v = t * 2
print("repeated:", sys.getrefcount(o) - base)
del v
w = tuple([o, o])
print("tuple(list):", sys.getrefcount(o) - base)
x = t[:]
print("t[:] is t:", x is t, sys.getrefcount(t))
del t, w, x
print("all dropped:", sys.getrefcount(o) - base)
def packer(*args):
    return sys.getrefcount(o) - base
print("inside *args with 4:", packer(o, o, o, o))
print("after call:", sys.getrefcount(o) - base)
