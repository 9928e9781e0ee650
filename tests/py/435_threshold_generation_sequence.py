# thresholds (5, 3, big): which generations run automatically, and the counts seen after each allocation
import gc
gc.collect()
log = []
def cb(phase, info):
    if phase == "start":
        log.append(info["generation"])
keep = [None] * 60
counts = [None] * 60
gc.set_threshold(5, 3, 100000)
gc.callbacks.append(cb)
for i in range(60):
    keep[i] = [i]
    counts[i] = gc.get_count()
gc.callbacks.remove(cb)
gc.set_threshold(700, 10, 10)
print(log)
print(counts[:20])
print("gen-0 runs:", log.count(0), "gen-1 runs:", log.count(1), "gen-2 runs:", log.count(2))
