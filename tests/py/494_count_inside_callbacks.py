# gc.get_count() seen from inside gc.callbacks: at start (before the reset) and at stop
import gc
gc.collect()
gc.disable()
seen = []
def cb(phase, info):
    seen.append((phase, info["generation"], gc.get_count()))
keep = [None] * 10
for i in range(10):
    keep[i] = [i]
gc.callbacks.append(cb)
gc.collect(0)
for i in range(5):
    keep[i] = {}
gc.collect(1)
gc.collect(2)
gc.callbacks.remove(cb)
gc.set_threshold(20, 1000, 1000)
gc.callbacks.append(cb)
gc.enable()
for i in range(30):
    keep.append([i])
gc.disable()
gc.callbacks.remove(cb)
gc.set_threshold(700, 10, 10)
gc.enable()
for s in seen:
    print(s)
