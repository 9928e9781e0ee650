# cyclic garbage still uncollected at exit is finalized by the final collection
import gc
gc.disable()
class D:
    def __init__(self, tag):
        self.tag = tag
    def __del__(self):
        print("del", self.tag)
a = D("cycle a")
b = D("cycle b")
a.b = b
b.a = a
del a, b
plain = D("plain")
print("end of script")
