# gc.is_finalized(): true once __del__ has been called by the collector or by a resurrection
import gc
gc.collect()
saved = []
class R:
    def __del__(self):
        saved.append(self)
class Plain:
    pass
r = R()
print(gc.is_finalized(r))
r.me = r
del r
gc.collect()
print(gc.is_finalized(saved[0]))
p = Plain()
p.me = p
print(gc.is_finalized(p), gc.is_finalized(1), gc.is_finalized([]))
saved.clear()
print(gc.collect())
