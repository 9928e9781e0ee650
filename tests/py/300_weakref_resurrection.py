# weakrefs and resurrection: refcount death keeps weakrefs (the object survived);
# in a collection weakrefs are cleared before __del__ can resurrect
import gc
import weakref
gc.collect()
saved = []
class R:
    def __del__(self):
        saved.append(self)
a = R()
ra = weakref.ref(a, lambda r: print("callback a"))
del a
print("refcount death, resurrected: ref alive?", ra() is saved[0])
saved.clear()
print("second death, no __del__, weakref cleared now:", ra())
b = R()
b.me = b
rb = weakref.ref(b, lambda r: print("callback b"))
del b
print("collected", gc.collect())
print("resurrected by the collector, but the weakref is dead:", rb(), len(saved))
saved.clear()
print("collected", gc.collect())
