# weak references: callbacks, proxies, finalize, WeakValueDictionary
import weakref, gc
class Obj:
    pass

def gone(ref):
    print("callback", ref() is None)

o = Obj()
r = weakref.ref(o, gone)
p = weakref.proxy(o)
print(r() is o, weakref.getweakrefcount(o))
del o
print(r())
t = Obj()
f = weakref.finalize(t, print, "finalized")
del t
c = Obj()
c.me = c
w = weakref.ref(c, gone)
del c
print("collected", gc.collect() > 0, w() is None)
