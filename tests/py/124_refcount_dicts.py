# references held by dicts: keys, values, get/pop/setdefault/items results
import sys
class K:
    pass
k = K()
v = K()
d = {}
d[k] = v
print("key and value stored:", sys.getrefcount(k), sys.getrefcount(v))
got = d.get(k)
print("value via get:", sys.getrefcount(v))
del got
items = list(d.items())
print("after list(items()):", sys.getrefcount(k), sys.getrefcount(v))
del items
keys = list(d)
print("after list(d):", sys.getrefcount(k))
del keys
d.setdefault(k, None)
print("setdefault on existing:", sys.getrefcount(v))
d2 = d.copy()
print("copy:", sys.getrefcount(k), sys.getrefcount(v))
del d2
popped = d.pop(k)
print("popped:", sys.getrefcount(k), sys.getrefcount(v), len(d))
del popped
d.update({k: v})
d[k] = v
print("update then reassign:", sys.getrefcount(k), sys.getrefcount(v))
d.clear()
print("cleared:", sys.getrefcount(k), sys.getrefcount(v))
