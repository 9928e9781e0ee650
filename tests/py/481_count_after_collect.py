# get_count after explicit collections of each generation: the collected generation and younger reset
import gc
gc.disable()
gc.collect()
out = [None] * 8
keep = []
out[0] = gc.get_count()
for i in range(30):
    keep.append([i])
out[1] = gc.get_count()
gc.collect(0)
out[2] = gc.get_count()
for i in range(7):
    keep.append({i: []})
gc.collect(0)
out[3] = gc.get_count()
gc.collect(1)
out[4] = gc.get_count()
gc.collect(0)
gc.collect(0)
out[5] = gc.get_count()
gc.collect(2)
out[6] = gc.get_count()
del keep[:10]
out[7] = gc.get_count()
gc.enable()
print(out)
