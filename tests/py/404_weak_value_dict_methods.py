# WeakValueDictionary: the dict methods, and entries vanishing when their value dies
import weakref
import gc
gc.collect()
class V:
    def __init__(self, n):
        self.n = n
    def __repr__(self):
        return "V" + str(self.n)
vs = [V(i) for i in range(5)]
d = weakref.WeakValueDictionary()
for i, v in enumerate(vs):
    d[i] = v
print(len(d), sorted(d.keys()), d[2], d.get(9), d.get(9, "dflt"), 3 in d, 7 in d)
print(sorted(d.values(), key=lambda v: v.n), sorted(d.items())[0])
print(d.pop(4), len(d), d.setdefault(1, V(99)), d.setdefault(5, vs[0]))
del vs[1]
print(len(d), sorted(d.keys()))
c = d.copy()
print(type(c).__name__, len(c), sorted(c.keys()))
del d[0]
try:
    d[0]
except KeyError as e:
    print("KeyError", e)
vs.clear()
print(len(d), len(c), list(d.keys()))
d[1] = V(1)
print(len(d))
x = V(7)
d.update({7: x})
print(sorted(d.keys()), d.popitem()[0], len(d))
