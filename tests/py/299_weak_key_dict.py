# WeakKeyDictionary: entries disappear when their keys die
import gc
import weakref
class Key:
    def __init__(self, name):
        self.name = name
gc.collect()
meta = weakref.WeakKeyDictionary()
k1 = Key("k1")
k2 = Key("k2")
meta[k1] = "first"
meta[k2] = [1, 2]
print(len(meta), meta[k1], k2 in meta, sorted([k.name for k in meta.keys()]))
del k1
print(len(meta), sorted([k.name for k in meta]))
k3 = Key("k3")
k3.me = k3
meta[k3] = "cyclic key"
del k3
print("before collect:", len(meta))
gc.collect()
print("after collect:", len(meta))
print(meta.get(k2), meta.pop(k2), len(meta))
try:
    meta["string key"] = 1
except TypeError as e:
    print(type(e).__name__, e)
