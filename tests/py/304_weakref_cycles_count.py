# gc.collect() results with weakrefs attached to cyclic garbage
import gc
import weakref
gc.collect()
class A:
    pass
def cycle():
    a = A()
    a.me = a
    return a
x = cycle()
plain = weakref.ref(x)
del x
print("external callback-less weakref:", gc.collect(), plain())
y = cycle()
y.selfref = weakref.ref(y)
del y
print("weakref stored in the cycle (no callback):", gc.collect())
z = cycle()
p = weakref.proxy(z)
del z
print("external proxy:", gc.collect())
try:
    p.me
except ReferenceError as e:
    print(type(e).__name__, e)
objs = [cycle() for i in range(5)]
refs = [weakref.ref(o, lambda r: None) for o in objs]
del objs
print("5 cycles with external callback weakrefs:", gc.collect(), [r() for r in refs])
