# instance attributes: inline values until vars()/__dict__ is taken, then a real dict (sizes, refs, tracking)
import sys
import gc
class P:
    def __init__(self):
        self.a = 1
        self.b = 2
p = P()
q = P()
print("instance size:", sys.getsizeof(p))
d = vars(p)
print(type(d).__name__, d, gc.is_tracked(d), sys.getsizeof(d))
print("refs of materialised dict:", sys.getrefcount(d))
print(vars(p) is d, p.__dict__ is d)
d["c"] = 3
print(p.c, sorted(vars(p)))
del d
p.e = 5
print(sorted(vars(p)), sys.getsizeof(vars(p)))
for i in range(10):
    setattr(q, "x" + str(i), i)
print("many attributes:", sys.getsizeof(vars(q)), len(vars(q)))
r = P()
r.__dict__ = {"z": 26}
print(r.z, hasattr(r, "a"), vars(r))
try:
    r.__dict__ = 5
except TypeError as e:
    print(type(e).__name__, e)
s = P()
del s.a
print(vars(s), hasattr(s, "a"))
