# WeakValueDictionary: entries disappear when their values die
import gc
import weakref
class Obj:
    def __init__(self, name):
        self.name = name
gc.collect()
cache = weakref.WeakValueDictionary()
a = Obj("a")
b = Obj("b")
cache["a"] = a
cache["b"] = b
cache["tmp"] = Obj("tmp")
print(len(cache), sorted(cache.keys()), cache["a"].name, "tmp" in cache)
del a
print(len(cache), sorted(cache.keys()), cache.get("a"), cache.get("a", "default"))
try:
    cache["a"]
except KeyError as e:
    print(type(e).__name__, e)
c = Obj("c")
c.me = c
cache["c"] = c
del c
print("cyclic value waits for the collector:", sorted(cache.keys()))
gc.collect()
print("after collect:", sorted(cache.keys()))
print(cache.setdefault("b", None).name, sorted([v.name for v in cache.values()]))
del cache["b"]
print(len(cache), b.name)
try:
    cache["x"] = 5
except TypeError as e:
    print(type(e).__name__, e)
