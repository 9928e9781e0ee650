# an instance releases its attributes in the order they were first set
import gc
gc.collect()
class D:
    def __init__(self, tag):
        self.tag = tag
    def __del__(self):
        print("del", self.tag)
class Owner:
    def __init__(self):
        self.z = D("z (first set)")
        self.a = D("a")
        self.m = D("m")
o = Owner()
o.a = D("a rebound")
print("-- del owner")
del o
p = Owner()
vars(p)
p.extra = D("extra")
print("-- del owner with a materialised __dict__")
del p
print("-- end")
