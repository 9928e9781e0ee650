# metaclass lifetime: classes made by a Python metaclass die with gc; refcounts of the metaclass
import gc, sys, weakref
gc.collect()
class Meta(type):
    pass
base = sys.getrefcount(Meta)
class C(metaclass=Meta):
    pass
print("one class", sys.getrefcount(Meta) - base)
D = Meta("D", (C,), {})
print("two classes", sys.getrefcount(Meta) - base)
inst = D()
print(type(inst).__name__, type(type(inst)).__name__)
wc = weakref.ref(C)
wd = weakref.ref(D)
del inst, D
gc.collect()
print("D gone", wd() is None, sys.getrefcount(Meta) - base)
del C
gc.collect()
print("C gone", wc() is None, sys.getrefcount(Meta) - base)
for i in range(20):
    K = Meta("K%d" % i, (), {"i": i})
    K.self = K
del K
print(gc.collect() > 0, sys.getrefcount(Meta) - base)
wm = weakref.ref(Meta)
class Late(metaclass=Meta):
    pass
del Meta
gc.collect()
print("meta alive via class", wm() is not None, type(Late) is wm())
del Late
gc.collect()
print("meta gone", wm() is None)
