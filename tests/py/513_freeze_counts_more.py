# gc.freeze/unfreeze and the generation counts: freeze empties the young generations, unfreeze adds to gen 2
import gc
gc.collect()
gc.disable()
out = [None] * 8
keep = [[i] for i in range(50)]
out[0] = gc.get_count()
gc.freeze()
out[1] = gc.get_count()
more = [[i] for i in range(5)]
out[2] = gc.get_count()
gc.collect(1)
out[3] = gc.get_count()
gc.unfreeze()
out[4] = gc.get_count()
gc.collect(0)
out[5] = gc.get_count()
gc.collect()
out[6] = gc.get_count()
gc.enable()
print(out)
