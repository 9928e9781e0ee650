# weak dictionaries whose values or keys sit in reference cycles: entries go at gc.collect()
import weakref
import gc
gc.collect()
class N:
    def __init__(self, n):
        self.n = n
        self.me = self
wv = weakref.WeakValueDictionary()
wk = weakref.WeakKeyDictionary()
for i in range(6):
    n = N(i)
    wv[i] = n
    wk[n] = i
del n
print(len(wv), len(wk))
print("collected:", gc.collect())
print(len(wv), len(wk), list(wv.keys()))
keep = N(9)
wv["k"] = keep
wk[keep] = "k"
print(gc.collect(), len(wv), len(wk), wv["k"] is keep)
