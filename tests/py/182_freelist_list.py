# the list free list: a dropped list object is reused by the next list created
import gc
gc.collect()    # empties the free lists: what follows does not depend on what ran before
a = [1, 2, 3]
addr = id(a)
del a
b = []
print("empty list reuses the dropped list:", id(b) == addr)
c = [4]
d = [5]
ic = id(c)
id_d = id(d)
del c
del d
e = [6]
f = [7]
print("LIFO:", id(e) == id_d, id(f) == ic)
g = list(range(100))
ig = id(g)
del g
h = [x for x in range(3)]
print("list comprehension result reuses it:", id(h) == ig)
k = [1]
ik = id(k)
k.append(2)
k.extend(range(50))
print("growing the item array keeps the list object:", id(k) == ik)
