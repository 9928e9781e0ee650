# an external reference to any member keeps the whole cycle alive
import gc
gc.collect()
class N:
    pass
a = N()
b = N()
c = N()
a.n = b
b.n = c
c.n = a
keep = c
del a, b, c
print("one member still referenced:", gc.collect())
print("cycle intact:", keep.n.n.n is keep)
del keep
print("after dropping it:", gc.collect())
holder = []
x = N()
x.me = x
holder.append(x)
del x
print("held by a list:", gc.collect())
holder.clear()
print("list cleared:", gc.collect())
y = N()
y.me = y
z = N()
z.target = y
del y
print("reachable from a live instance:", gc.collect())
del z
print("after the referrer dies (refcount frees it, cycle stays):", gc.collect())
