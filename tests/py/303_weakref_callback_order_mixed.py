# several objects dying together: callbacks in the order the objects die
import gc
import weakref
gc.collect()
log = []
class A:
    def __init__(self, name):
        self.name = name
def cb(tag):
    return lambda r: log.append(tag)
items = [A("i0"), A("i1"), A("i2")]
refs = [weakref.ref(x, cb("item " + x.name)) for x in items]
del items
print("list freed (from the end):", log)
log.clear()
ring = [A("r0"), A("r1"), A("r2")]
for i in range(3):
    ring[i].next = ring[(i + 1) % 3]
rrefs = [weakref.ref(x, cb("ring " + x.name)) for x in ring]
del ring
n = gc.collect()
print("cycle collected:", n, log)
log.clear()
d = {"first": A("d0"), "second": A("d1")}
drefs = [weakref.ref(v, cb("dict " + v.name)) for v in d.values()]
del d
print("dict freed (from the start):", log)
