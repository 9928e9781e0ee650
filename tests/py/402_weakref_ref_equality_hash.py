# weakref.ref: equality follows the referents while alive, identity once dead; hash is the referent's
import weakref
class K:
    def __init__(self, n):
        self.n = n
    def __repr__(self):
        return "K(" + str(self.n) + ")"
a = K(1)
b = K(2)
ra = weakref.ref(a)
ra2 = weakref.ref(a, lambda r: None)
rb = weakref.ref(b)
print(ra == ra2, ra is ra2, ra == rb, ra != rb)
print(hash(ra) == hash(a), hash(ra2) == hash(a))
print(ra(), rb(), ra() is a)
h = hash(rb)
del b
print(rb(), rb == rb, rb == ra, hash(rb) == h)
del a
print(ra == ra2, ra == ra)
c = K(3)
rc = weakref.ref(c)
del c
try:
    hash(rc)
except TypeError as e:
    print(type(e).__name__, e)
print(type(ra).__name__, type(ra2).__name__)
