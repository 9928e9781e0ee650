# the list free list keeps at most 80 list objects
import gc
gc.collect()
holder = [None] * 100
for i in range(100):
    holder[i] = []
ids = [id(x) for x in holder]
new = [None] * 80
gc.collect()    # empties the list free list ([None] * n freed a temporary 1-item list onto it)
for i in range(100):
    holder[i] = None
for i in range(80):
    new[i] = []
new_ids = [id(x) for x in new]
print("80 new lists took the 80 first-freed slots:", set(new_ids) == set(ids[:80]))
print("LIFO:", new_ids == ids[:80][::-1])
gc.collect()
d_holder = [None] * 100
for i in range(100):
    d_holder[i] = {}
d_ids = [id(x) for x in d_holder]
d_new = [None] * 80
gc.collect()
for i in range(99, -1, -1):
    d_holder[i] = None
for i in range(80):
    d_new[i] = {}
print("dicts: the 80 first freed (freed from the end: the last 80) are reused:", set([id(x) for x in d_new]) == set(d_ids[20:]))
