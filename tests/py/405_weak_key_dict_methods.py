# WeakKeyDictionary: the dict methods, entries vanish with their key
import weakref
import gc
gc.collect()
class K:
    def __init__(self, n):
        self.n = n
    def __repr__(self):
        return "K" + str(self.n)
ks = [K(i) for i in range(4)]
d = weakref.WeakKeyDictionary()
for k in ks:
    d[k] = k.n * 10
print(len(d), d[ks[2]], d.get(ks[3]), ks[0] in d, K(0) in d)
del k
print(sorted(d.values()), sorted([k.n for k in d.keys()]))
print(d.pop(ks[3]), len(d), d.setdefault(ks[0], 5), d.setdefault(ks[3], 33))
del ks[1]
print(len(d), sorted([k.n for k in d]))
ks.clear()
print(len(d), list(d.items()))
try:
    d[5] = 1
except TypeError as e:
    print(type(e).__name__, e)
a = K(8)
d.update({a: "eight"})
print(list(d.values()), d.popitem()[1], len(d))
