# __del__ of objects in a cycle runs during gc.collect(), before any of them is cleared
import gc
gc.collect()
class D:
    def __init__(self, tag):
        self.tag = tag
    def __del__(self):
        print("del", self.tag, "peer is", self.peer.tag)
a = D("a")
b = D("b")
c = D("c")
a.peer = b
b.peer = c
c.peer = a
del a, b, c
print("collecting")
print("collected", gc.collect())
print("garbage", gc.garbage)
x = D("x")
x.peer = x
y = D("y")
y.peer = y
del y, x
print("collected", gc.collect())
