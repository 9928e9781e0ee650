# finalizers of one cyclic trash: every __del__ runs before any object is cleared; order of calls
import gc
gc.collect()
class N:
    def __init__(self, name):
        self.name = name
        self.next = None
    def __del__(self):
        print("__del__", self.name, "next is", self.next.name if self.next else None)
a = N("a")
b = N("b")
c = N("c")
a.next = b
b.next = c
c.next = a
del a, b, c
print("collect:", gc.collect())
x = N("x")
y = N("y")
x.next = y
y.next = x
z = N("z")
z.next = x
del x, y, z
print("refcount frees z first, then collect:", gc.collect())
