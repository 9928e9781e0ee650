# PEP 442: __del__ runs once per object even when it resurrects itself and dies again
import gc
gc.collect()
saved = []
class Phoenix:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
        saved.append(self)
p = Phoenix("refcount")
del p
print("resurrected:", len(saved))
saved.clear()
print("second death: no __del__")
q = Phoenix("cycle")
q.me = q
del q
print("collect 1:", gc.collect())
print("resurrected:", len(saved), saved[0].name)
saved.clear()
print("collect 2:", gc.collect())
print("collect 3:", gc.collect())
