# gen-1 collections happen when count1 exceeds threshold1; counts are observed between allocations
import gc
gc.collect()
gc.set_threshold(5, 2, 1000)
keep = [None] * 30
counts = [None] * 30
for i in range(30):
    keep[i] = []
    counts[i] = gc.get_count()
gc.set_threshold(700, 10, 10)
print(counts)
