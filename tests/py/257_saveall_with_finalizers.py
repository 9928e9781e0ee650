# DEBUG_SAVEALL with __del__: finalizers still run once, then the objects are saved, not cleared
import gc
gc.collect()
class D:
    def __init__(self, tag):
        self.tag = tag
    def __del__(self):
        print("__del__", self.tag)
gc.set_debug(gc.DEBUG_SAVEALL)
a = D("a")
b = D("b")
a.b = b
b.a = a
del a, b
print("collected:", gc.collect())
gc.set_debug(0)
print("saved:", sorted([o.tag for o in gc.garbage if type(o) is D]), "finalized:", [gc.is_finalized(o) for o in gc.garbage])
gc.garbage.clear()
print("freed without calling __del__ again:", gc.collect())
