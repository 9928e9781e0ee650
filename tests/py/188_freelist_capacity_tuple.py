# the tuple free list keeps up to 2000 tuples per size
import gc
gc.collect()
a = 1
holder = [None] * 2500
for i in range(2500):
    holder[i] = (a, i)
ids = [id(t) for t in holder]
for i in range(2500):
    holder[i] = None
new = [None] * 2000
for i in range(2000):
    new[i] = (i, a)
new_ids = [id(t) for t in new]
print("2000 new 2-tuples reuse the 2000 first-freed:", set(new_ids) == set(ids[:2000]))
print("LIFO:", new_ids == ids[:2000][::-1])
gc.collect()
t3 = [None] * 10
for i in range(10):
    t3[i] = (a, i, i)
ids3 = [id(t) for t in t3]
del t3
fresh = [(a, i, a) for i in range(10)]
print("size-3 tuples dropped with their list come back in LIFO order:", [id(t) for t in fresh] == ids3)
