# the tuple free lists (one per size 1..20): a dropped tuple's memory is reused by the next tuple of that size
import gc
gc.collect()    # empties the free lists: what follows does not depend on what ran before
a = 1
t = (a, 2)
addr = id(t)
del t
u = (a, 3)
print("same size reuses:", id(u) == addr)
t3 = (a, 2, 3)
addr3 = id(t3)
del t3
t2 = (a, 9)
t4 = (a, 2, 3, 4)
print("other sizes do not:", id(t2) == addr3, id(t4) == addr3)
t3b = (a, 5, 6)
print("size 3 does:", id(t3b) == addr3)
x = (a,)
y = (a,)
ix = id(x)
iy = id(y)
del x
del y
p = (a,)
q = (a,)
print("LIFO for 1-tuples:", id(p) == iy, id(q) == ix)
