# refcount death runs __del__ before weakref callbacks; a gc collection clears weakrefs (callbacks) first
import gc
import weakref
gc.collect()
class T:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
def cb(r):
    print("callback, ref dead:", r() is None)
t = T("refcount")
r = weakref.ref(t, cb)
del t
print("--")
u = T("cycle")
u.me = u
r2 = weakref.ref(u, cb)
del u
print("collect:", gc.collect())
