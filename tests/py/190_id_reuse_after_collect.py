# objects freed by a young collection go to the free lists; a full collection empties them again
import gc
gc.collect()
l = []
l.append(l)
addr = id(l)
del l
gc.collect(0)
m = []
print("list freed by collect(0) is reused:", id(m) == addr)
t = (m, 1)
m.append(t)
taddr = id(t)
del t, m
gc.collect(1)
u = (gc, 2)
print("tuple freed by collect(1) is reused by the next 2-tuple:", id(u) == taddr)
