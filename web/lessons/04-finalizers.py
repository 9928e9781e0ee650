import gc
import weakref

saved = []

class Phoenix:
    def __del__(self):
        print("__del__ runs")
        saved.append(self)

def gone(ref):
    print("callback: the referent is gone")

p = Phoenix()
p.me = p
r = weakref.ref(p, gone)
del p
print(gc.collect())
print(r())
print(len(saved), saved[0].me is saved[0])
