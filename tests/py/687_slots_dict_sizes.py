# instance sizes: inline values vs materialised __dict__, slots plus dict, many attributes, getsizeof of dicts
import sys
class Plain:
    def __init__(self, n):
        for i in range(n):
            setattr(self, "a%d" % i, i)
sizes = []
for n in (0, 1, 5, 30):
    p = Plain(n)
    sizes.append((n, sys.getsizeof(p), sys.getsizeof(vars(p))))
print(sizes)
class Slotted:
    __slots__ = ("x", "y")
    def __init__(self):
        self.x = self.y = 0
s = Slotted()
print(sys.getsizeof(s), sys.getsizeof(Slotted.__dict__["x"]) > 0)
class Mixed:
    __slots__ = ("x", "__dict__")
m = Mixed()
m.x = 1
m.extra = 2
print(sys.getsizeof(m), sorted(vars(m)), sys.getsizeof(vars(m)))
class Child(Slotted):
    pass
ch = Child()
ch.z = 3
print(sys.getsizeof(ch), vars(ch), ch.x)
class Empty:
    pass
e = Empty()
print(sys.getsizeof(e))
e.__dict__
print(sys.getsizeof(e), sys.getsizeof(e.__dict__))
e.a = 1
print(sys.getsizeof(e.__dict__))
