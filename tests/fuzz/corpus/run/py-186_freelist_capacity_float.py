# the float free list keeps at most 100 floats: the first 100 freed are cached and reused in LIFO order
import gc
gc.collect()
base = 0.5
holder = [None] * 150
for i in range(150):
    holder[i] = base * (i + 3)
ids = [id(f) for f in holder]
new = [None] * 100
for i in range(150):
    holder[i] = None
for i in range(100):
    new[i] = base * (i + 1000)
new_ids = [id(f) for f in new]
print("the 100 new floats took the 100 first-freed slots:", set(new_ids) == set(ids[:100]))
print("in LIFO order:", new_ids == ids[:100][::-1])
