# gen-0 count for instances: +1 per instance; +1 more when its __dict__ is materialised
import gc
gc.disable()
class A:
    def __init__(self):
        self.x = 1
        self.y = 2
class S:
    __slots__ = ("x",)
gc.collect()
r = []
c = gc.get_count()[0]
a = A()
r.append(gc.get_count()[0] - c)
d = vars(a)
r.append(gc.get_count()[0] - c)
b = A()
b.z = 3
r.append(gc.get_count()[0] - c)
s = S()
r.append(gc.get_count()[0] - c)
del a, d
r.append(gc.get_count()[0] - c)
print(r)
gc.enable()
