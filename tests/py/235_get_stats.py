# gc.get_stats(): per-generation collections / collected / uncollectable, observed as deltas
import gc
gc.disable()
gc.collect()
def snapshot():
    return [(s["collections"], s["collected"], s["uncollectable"]) for s in gc.get_stats()]
class A:
    pass
before = snapshot()
for i in range(3):
    a = A()
    a.me = a
    del a
    gc.collect(0)
l = []
l.append(l)
del l
gc.collect(1)
gc.collect(2)
after = snapshot()
print([tuple([y - x for x, y in zip(b, a)]) for b, a in zip(before, after)])
print(len(gc.get_stats()), sorted(gc.get_stats()[0].keys()))
gc.enable()
