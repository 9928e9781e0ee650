import gc
def cb(phase, info):
    raise ValueError("callback " + phase)
gc.callbacks.append(cb)
print("collect:", gc.collect())
gc.callbacks.remove(cb)
print("after")
