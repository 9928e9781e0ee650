# weakref hashing: hash of the referent, remembered after death if computed before
import weakref
class A:
    pass
class V:
    def __init__(self, v):
        self.v = v
a = A()
r = weakref.ref(a)
print(hash(r) == hash(a))
b = A()
rb = weakref.ref(b)
h = hash(rb)
del b
print("hash remembered after death:", hash(rb) == h)
c = A()
rc = weakref.ref(c)
del c
try:
    hash(rc)
except TypeError as e:
    print(type(e).__name__, e)
d = {r: "value"}
print(d[weakref.ref(a)])
