# resurrection during a collection: the resurrected object and all it reaches survive
import gc
gc.collect()
keep = []
class R:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
        if self.name == "a":
            keep.append(self)
a = R("a")
b = R("b")
c = R("c")
a.next = b
b.next = c
c.next = a
d = R("d")
d.me = d
del a, b, c, d
print("collected", gc.collect())
print("kept:", [keep[0].name, keep[0].next.name, keep[0].next.next.name])
print("finalized:", gc.is_finalized(keep[0]), gc.is_finalized(keep[0].next))
keep.clear()
print("second collection, no __del__ again:", gc.collect())
