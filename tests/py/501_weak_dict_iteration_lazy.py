# iterating weak dictionaries is lazy: entries whose referent dies during the loop are skipped, not kept alive
import weakref
import gc
gc.collect()
class T:
    def __init__(self, n):
        self.n = n
d = weakref.WeakValueDictionary()
objs = [T(i) for i in range(6)]
for o in objs:
    d[o.n] = o
del o
seen = []
for k, v in d.items():
    seen.append((k, v.n))
    if len(seen) > 10:
        break
    if objs:
        objs.pop()
del v
print("items:", seen, len(d))
objs = [T(i) for i in range(6)]
for o in objs:
    d[o.n] = o
del o
vals = []
for v in d.values():
    vals.append(v.n)
    if objs:
        objs.pop()
del v
print("values:", vals, len(d))
wk = weakref.WeakKeyDictionary()
keys = [T(i) for i in range(6)]
for k in keys:
    wk[k] = k.n
del k
got = []
for k in wk:
    got.append(k.n)
    if keys:
        keys.pop()
del k
print("keys:", got, len(wk))
