# gc.collect() called from inside a callback does nothing and returns 0
import gc
gc.collect()
results = []
def cb(phase, info):
    if phase == "start":
        results.append(("inner collect returned", gc.collect()))
    else:
        results.append(("stop", info["collected"]))
l = []
l.append(l)
del l
gc.callbacks.append(cb)
outer = gc.collect()
gc.callbacks.remove(cb)
print(results, outer)
order = []
def cb_a(phase, info):
    order.append("a-" + phase)
def cb_b(phase, info):
    order.append("b-" + phase)
gc.callbacks.extend([cb_a, cb_b])
gc.collect(0)
gc.callbacks.clear()
print(order)
