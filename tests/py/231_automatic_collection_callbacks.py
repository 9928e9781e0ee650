# automatic collections are reported to gc.callbacks like explicit ones
import gc
log = []
def cb(phase, info):
    log.append((phase, info["generation"], info["collected"], info["uncollectable"]))
class A:
    pass
gc.collect()
gc.set_threshold(20, 2, 1000)
gc.callbacks.append(cb)
keep = []
for i in range(120):
    a = A()
    a.me = a
    if i % 2:
        keep.append(a)
gc.callbacks.remove(cb)
gc.set_threshold(700, 10, 10)
for entry in log:
    print(entry)
print("collections:", len(log) // 2)
