# self-referencing containers and instances: each is one unreachable object
import gc
gc.collect()
class A:
    pass
l = []
l.append(l)
del l
print("list:", gc.collect())
d = {}
d["self"] = d
del d
print("dict:", gc.collect())
a = A()
a.me = a
del a
print("instance (inline values):", gc.collect())
b = A()
b.me = b
vars(b)
del b
print("instance with materialised __dict__:", gc.collect())
s = A()
s.members = {1: s}
del s
print("instance -> dict -> instance:", gc.collect())
print("nothing left:", gc.collect())
