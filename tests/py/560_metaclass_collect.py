# classes made by a Python metaclass (Meta(type)) die by collection in any order
import gc
import sys
gc.collect()
class Meta(type):
    pass
class Sub(Meta):
    pass
r0 = sys.getrefcount(Meta)
C = Meta("C", (), {})
D = Meta("D", (C,), {"x": 1})
E = Sub("E", (D,), {})
print("types", type(C).__name__, type(D).__name__, type(E).__name__, E.x)
print("refs", sys.getrefcount(Meta) - r0)
e = E()
res = []
del C
res.append(gc.collect())
del D
res.append(gc.collect())
del E
res.append(gc.collect())
del e
res.append(gc.collect())
res.append(sys.getrefcount(Meta) - r0)
del Meta
res.append(gc.collect())
del Sub
res.append(gc.collect())
print("collected", res)
for i in range(20):
    class M(type):
        pass
    X = M("X", (), {})
    Y = M("Y", (X,), {})
    Y.me = Y
    M.last = Y
    del M, X, Y
print("loop", gc.collect())
