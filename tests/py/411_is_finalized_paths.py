# gc.is_finalized: set once __del__ ran (refcount or gc), never for objects without __del__
import gc
gc.collect()
keep = []
class F:
    def __del__(self):
        keep.append(self)
        print("del", gc.is_finalized(self))
class Plain:
    pass
f = F()
print(gc.is_finalized(f), gc.is_finalized(Plain()), gc.is_finalized(5), gc.is_finalized([]))
del f
print("resurrected by refcount path:", gc.is_finalized(keep[0]))
g = F()
g.self = g
del g
print("collect:", gc.collect())
print("resurrected by gc path:", gc.is_finalized(keep[1]))
p = Plain()
p.me = p
del p
print(gc.collect())
keep.clear()
print("after clear, nothing printed")
