# gc.callbacks: info of start/stop for explicit collections of each generation with known garbage
import gc
gc.collect()
events = []
def cb(phase, info):
    events.append((phase, info["generation"], info["collected"], info["uncollectable"], sorted(info)))
class Node:
    pass
def make_cycles(n):
    for i in range(n):
        a = Node()
        b = Node()
        a.other = b
        b.other = a
gc.callbacks.append(cb)
make_cycles(3)
r0 = gc.collect(0)
make_cycles(2)
r1 = gc.collect(1)
make_cycles(1)
r2 = gc.collect()
r3 = gc.collect()
gc.callbacks.remove(cb)
print(r0, r1, r2, r3)
for e in events:
    print(e)
print(len(gc.callbacks))
