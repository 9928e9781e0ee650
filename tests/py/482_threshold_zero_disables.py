# set_threshold(0) turns automatic collection off; get_threshold reports what was set; bad arguments
import gc
gc.collect()
log = []
def cb(phase, info):
    if phase == "start":
        log.append(info["generation"])
gc.set_threshold(0)
print(gc.get_threshold())
gc.callbacks.append(cb)
keep = [None] * 3000
for i in range(3000):
    keep[i] = [i]
c = gc.get_count()[0]
gc.callbacks.remove(cb)
print("automatic runs with threshold 0:", log, c >= 3000)
gc.set_threshold(700, 10, 10)
print(gc.get_threshold())
gc.set_threshold(500)
print(gc.get_threshold())
gc.set_threshold(400, 5)
print(gc.get_threshold())
for args in ((), (1, 2, 3, 4), ("x",)):
    try:
        gc.set_threshold(*args)
    except TypeError as e:
        print(type(e).__name__, e)
gc.set_threshold(700, 10, 10)
print(gc.get_threshold(), gc.isenabled())
