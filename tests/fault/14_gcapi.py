# the collector's API: callbacks, thresholds, get_referrers/referents, freeze
import gc
phases = []
def cb(phase, info):
    phases.append((phase, info["generation"]))
gc.callbacks.append(cb)
class Cell:
    def __init__(self):
        self.other = None
a, b = Cell(), Cell()
a.other, b.other = b, a
del a, b
gc.collect(1)
print(phases[-2:], len(gc.garbage))
gc.callbacks.remove(cb)
holder = [Cell()]
print(len(gc.get_referrers(holder[0])), type(gc.get_referents(holder)[0]).__name__)
old = gc.get_threshold()
gc.set_threshold(5, 2, 2)
junk = [[i] for i in range(40)]
gc.set_threshold(*old)
gc.freeze()
print(gc.get_freeze_count() > 0, gc.is_tracked(holder), gc.is_tracked(3))
gc.unfreeze()
print(gc.get_freeze_count(), gc.collect() >= 0)
