# super(): three-level chains, super() in __init__/__repr__/other methods, explicit two-argument form
class A:
    def __init__(self, v):
        self.trail = ["A"]
        self.v = v
    def who(self):
        return "A"
    def __repr__(self):
        return "A(" + str(self.v) + ")"
class B(A):
    def __init__(self, v):
        super().__init__(v * 2)
        self.trail.append("B")
    def who(self):
        return "B>" + super().who()
class C(B):
    def __init__(self, v):
        super().__init__(v + 1)
        self.trail.append("C")
    def who(self):
        return "C>" + super().who()
    def __repr__(self):
        return "C:" + super().__repr__()
c = C(1)
print(c.trail, c.v, c.who(), repr(c), str(c))
print(super(C, c).who(), super(B, c).who(), A.who(c))
class D(C):
    pass
d = D(0)
print(d.who(), d.trail, repr(d))
class E(A):
    def who(self):
        inner = lambda: super(E, self).who()
        return "E>" + inner()
print(E(3).who())
try:
    super(C, 5)
except TypeError as e:
    print(type(e).__name__, e)
class F(A):
    def missing(self):
        return super().nothing
try:
    F(1).missing()
except AttributeError as e:
    print(type(e).__name__, e)
