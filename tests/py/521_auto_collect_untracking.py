# automatic collections while tuples/dicts are created and untracked: collection log, counts, what stays tracked
import gc
gc.collect()
log = []
def cb(phase, info):
    if phase == "stop":
        log.append((info["generation"], info["collected"]))
keep = []
counts = []
gc.set_threshold(100, 3, 100000)
gc.callbacks.append(cb)
for i in range(600):
    t = (i, str(i))
    d = {"k": i}
    keep.append((t, d))
    if i % 7 == 0:
        c = [i]
        c.append(c)
    if i % 50 == 0:
        counts.append(gc.get_count())
gc.callbacks.remove(cb)
gc.set_threshold(700, 10, 10)
print(log)
print(counts)
print(sum([1 for k in keep if gc.is_tracked(k[0])]), sum([1 for k in keep if gc.is_tracked(k[1])]), sum([1 for k in keep if gc.is_tracked(k)]))
