# order of __del__ calls for del of slices, items, several names, dict items, attributes, rebinding, slice assignment
import gc
gc.collect()
class D:
    def __init__(self, n): self.n = n
    def __del__(self): print("del", self.n)
a = [D(i) for i in range(6)]
print("slice step")
del a[::2]
print("item")
del a[0]
print("names")
x, y = D("x"), D("y")
del x, y
print("dict")
d = {k: D(k) for k in "abc"}
del d["b"]
print("clear")
d.clear()
print("attr")
class H: pass
h = H(); h.v = D("attr")
del h.v
print("rebind")
z = D("z1")
z = D("z2")
print("list assign slice")
a[:] = [D("new")]
print("augmented")
s = [D("s1")]
s *= 0
print("pop", a.pop().n)
print("end")
