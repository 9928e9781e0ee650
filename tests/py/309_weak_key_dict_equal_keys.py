# WeakKeyDictionary and WeakValueDictionary basics with several entries
import weakref
class K:
    def __init__(self, n):
        self.n = n
keys = [K(i) for i in range(5)]
wk = weakref.WeakKeyDictionary()
for k in keys:
    wk[k] = k.n * 10
print(len(wk), sorted(wk.values()))
del keys[1:3]
print("two keys dropped:", len(wk), sorted(wk.values()))
keys.clear()
print("the loop variable k still holds the last key:", len(wk))
del k
print("all dropped:", len(wk))
vals = [K(i) for i in range(4)]
wv = weakref.WeakValueDictionary()
for v in vals:
    wv[v.n] = v
print(sorted(wv.keys()), sorted([v.n for v in wv.values()]))
vals.pop(0)
print("one value dropped:", sorted(wv.keys()), 0 in wv, 1 in wv)
print(sorted(wv.items(), key=lambda kv: kv[0])[0][0], wv.pop(3).n, sorted(wv))
