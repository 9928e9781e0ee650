# gc.callbacks: "start" and "stop" phases with the info dict, for explicit collections
import gc
gc.collect()
events = []
def first(phase, info):
    events.append(("first", phase, sorted(info.items())))
def second(phase, info):
    events.append(("second", phase, info["generation"], info["collected"]))
class A:
    pass
gc.callbacks.append(first)
gc.callbacks.append(second)
a = A()
a.me = a
b = []
b.append(b)
del a, b
n = gc.collect(1)
gc.callbacks.remove(first)
m = gc.collect(0)
gc.callbacks.remove(second)
gc.collect()
for e in events:
    print(e)
print("returned:", n, m, "callbacks left:", len(gc.callbacks))
