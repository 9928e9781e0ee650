# automatic collections: with threshold 10, gen-0 count never exceeds 10 while collections run
import gc
gc.collect()
gc.set_threshold(10, 1000, 1000)
keep = [None] * 40
seen = [0] * 40
gens = [0] * 40
for i in range(40):
    keep[i] = []
    c = gc.get_count()
    seen[i] = c[0]
    gens[i] = c[1]
gc.set_threshold(700, 10, 10)
print(seen)
print(gens)
print("max gen-0 count:", max(seen))
