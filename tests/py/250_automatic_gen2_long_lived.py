# the long-lived rule: an automatic full collection needs pending >= total/4 besides count2 > threshold2
# (everything defined so far is frozen first, so the numbers depend only on the objects made below)
import gc
log = []
def cb(phase, info):
    if phase == "stop":
        log.append(info["generation"])
class A:
    pass
gc.collect()
gc.freeze()
base = [None] * 200
for i in range(200):
    base[i] = A()
gc.collect()
gc.set_threshold(10, 1, 1)
gc.callbacks.append(cb)
keep = [None] * 300
for i in range(300):
    keep[i] = A()
gc.callbacks.remove(cb)
gc.set_threshold(700, 10, 10)
gc.unfreeze()
print("generations collected automatically:", log)
print("full collections:", log.count(2), "gen 1:", log.count(1), "gen 0:", log.count(0))
