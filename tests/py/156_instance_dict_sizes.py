# the instance __dict__ once materialised (vars()/__dict__): a split table sized from the class's shared keys
import sys
class A:
    pass
a = A()
print("instance:", sys.getsizeof(a), "its __dict__:", sys.getsizeof(vars(a)), "instance now:", sys.getsizeof(a))
class B:
    def __init__(self):
        self.x = 1
        self.y = 2
b = B()
print("2 attrs: __dict__", sys.getsizeof(b.__dict__))
b.z = 3
print("3rd attr added after materialising:", sys.getsizeof(b.__dict__))
for i in range(10):
    setattr(b, "extra%d" % i, i)
print("13 attrs:", sys.getsizeof(b.__dict__), len(vars(b)))
b2 = B()
print("another B, fresh __dict__:", sys.getsizeof(vars(b2)))
class Many:
    def __init__(self):
        for i in range(40):
            setattr(self, "f%d" % i, i)
m = Many()
print("40 attrs:", sys.getsizeof(vars(m)), len(vars(m)))
d = dict(vars(b2))
print("a plain copy of that dict:", sys.getsizeof(d))
