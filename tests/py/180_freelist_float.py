# the float free list: a freed float's memory is reused by the next float created
import gc
gc.collect()    # empties the free lists: what follows does not depend on what ran before
base = 1.25
x = base * 3
addr = id(x)
del x
y = base * 5
print("next float reuses the freed one:", id(y) == addr)
a = base * 7
b = base * 11
ida = id(a)
idb = id(b)
del a
del b
c = base * 13
d = base * 17
print("LIFO order: first new float takes the last freed:", id(c) == idb, id(d) == ida)
z = base * 19
addr_z = id(z)
del z
w = int(base * 4)
print("an int does not use the float free list slot:", id(w) == addr_z)
v = base / 3
print("but the next float does:", id(v) == addr_z)
