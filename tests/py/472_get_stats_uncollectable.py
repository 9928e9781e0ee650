# gc.get_stats deltas: collections of each generation count younger ones too? no: only the one collected
import gc
gc.collect()
gc.disable()
def snap():
    return [[s["collections"], s["collected"], s["uncollectable"]] for s in gc.get_stats()]
class F:
    def __del__(self):
        pass
before = snap()
gc.collect(0)
gc.collect(0)
gc.collect(1)
for i in range(4):
    f = F()
    f.me = f
del f
gc.collect(2)
after = snap()
print([[a - b for a, b in zip(x, y)] for x, y in zip(after, before)])
gc.set_debug(gc.DEBUG_SAVEALL)
l = []
l.append(l)
del l
before = snap()
gc.collect()
after = snap()
gc.set_debug(0)
print([[a - b for a, b in zip(x, y)] for x, y in zip(after, before)], len(gc.garbage))
gc.garbage.clear()
gc.enable()
