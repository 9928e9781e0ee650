import gc
gc.collect()
before = gc.get_stats()[0]["collections"]
gc.set_threshold(5, 10, 10)
for i in range(6):
    x = []
    x.append(x)
del x
print(gc.get_stats()[0]["collections"] - before)
