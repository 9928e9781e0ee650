# __del__ triggered by attribute deletion, rebinding and dict/list operations
import gc
gc.collect()
class D:
    def __init__(self, tag):
        self.tag = tag
    def __del__(self):
        print("del", self.tag)
class Box:
    pass
b = Box()
b.item = D("attr")
print("delattr:")
del b.item
b.item = D("first")
print("rebind:")
b.item = D("second")
d = {"k": D("value")}
print("pop:")
d.pop("k")
d["a"] = D("cleared")
print("clear:")
d.clear()
l = [D("l0"), D("l1")]
print("slice assignment:")
l[0:1] = [D("new")]
print("setdefault does not replace:")
e = {"k": D("kept")}
e.setdefault("k", D("unused default"))
print("end")
