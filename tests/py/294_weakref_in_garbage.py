# a weakref that is itself garbage never runs its callback; one freed by its callback is counted
import gc
import weakref
gc.collect()
class A:
    pass
a = A()
a.me = a
a.ref = weakref.ref(a, lambda r: print("must not run"))
del a
print("instance + weakref + lambda:", gc.collect())
reg = {}
def cb(r):
    print("callback drops its own weakref")
    del reg["r"]
b = A()
b.me = b
reg["r"] = weakref.ref(b, cb)
del b
print("instance + weakref freed by its callback:", gc.collect())
c = A()
c.me = c
keep = weakref.ref(c, lambda r: print("external weakref callback"))
del c
print("external weakref survives:", gc.collect(), keep())
