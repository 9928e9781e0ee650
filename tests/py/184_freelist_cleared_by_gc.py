# a full collection empties the free lists; gen-0 and gen-1 collections do not
import gc
gc.collect()    # empties the free lists: what follows does not depend on what ran before
base = 2.5
x = base * 3
addr = id(x)
del x
gc.collect(0)
y = base * 5
print("float reused after collect(0):", id(y) == addr)
l = [1]
laddr = id(l)
del l
gc.collect(1)
m = []
print("list reused after collect(1):", id(m) == laddr)
t = (base, 1)
taddr = id(t)
del t
gc.collect(0)
u = (base, 2)
print("2-tuple reused after collect(0):", id(u) == taddr)
d = {1: 1}
daddr = id(d)
del d
gc.collect(1)
e = {}
print("dict reused after collect(1):", id(e) == daddr)
