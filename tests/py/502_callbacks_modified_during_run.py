# gc.callbacks changed by a running callback: removal takes effect at once, additions run in the same pass
import gc
gc.collect()
log = []
def once(phase, info):
    log.append(("once", phase))
    if phase == "stop":
        gc.callbacks.remove(once)
def adder(phase, info):
    log.append(("adder", phase))
    if phase == "start" and len(gc.callbacks) < 4:
        gc.callbacks.append(late)
def late(phase, info):
    log.append(("late", phase))
gc.callbacks.extend([once, adder])
gc.collect()
print(log)
log.clear()
gc.collect()
print(log)
gc.callbacks.clear()
def counter(phase, info):
    if phase == "stop":
        log.append(info["collected"])
gc.callbacks.append(counter)
gc.callbacks.append(counter)
log.clear()
l = []
l.append(l)
del l
print(gc.collect(), log)
gc.callbacks.clear()
gc.callbacks = []
print(gc.callbacks is not None)
