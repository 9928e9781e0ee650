# a __del__ that creates new cyclic garbage: found by the next collection
import gc
gc.collect()
class Maker:
    def __del__(self):
        junk = []
        junk.append(junk)
        print("__del__ made a self-referencing list")
m = Maker()
m.me = m
del m
print("first:", gc.collect())
print("second:", gc.collect())
class Counter:
    n = 0
    def __del__(self):
        Counter.n += 1
objs = [Counter() for i in range(1000)]
del objs
print("1000 finalizers on refcount death:", Counter.n)
ring = [Counter() for i in range(1000)]
for i in range(1000):
    ring[i].next = ring[(i + 1) % 1000]
del ring
print("cycle of 1000 finalizable objects:", gc.collect(), Counter.n)
