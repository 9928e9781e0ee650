# subclasses of builtin types: int with __new__, list/dict subclasses with overridden methods
class Pos(int):
    def __new__(cls, v):
        if v < 0:
            raise ValueError("negative")
        return super().__new__(cls, v)
    def __repr__(self):
        return "Pos(%d)" % int(self)
print(Pos(5), Pos(5) + 1, repr(Pos(3) * 2))
try:
    Pos(-1)
except ValueError as e:
    print("ValueError:", e)
class Stack(list):
    def push(self, v):
        self.append(v)
        return self
    def __repr__(self):
        return "Stack" + super().__repr__()
s = Stack([1]).push(2).push(3)
print(s, len(s), s[1:], type(s[1:]).__name__, isinstance(s, list))
class Default(dict):
    def __missing__(self, k):
        self[k] = v = len(k)
        return v
d = Default(a=1)
print(d["a"], d["xyz"], sorted(d.items()), type(d).__name__)
class Counted(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k, v * 10)
c = Counted()
c["x"] = 1
c.update(y=2)
print(sorted(c.items()))
class Tup(tuple):
    def total(self):
        return sum(self)
t = Tup((1, 2, 3))
print(t, t.total(), t + (4,), type(t + (4,)).__name__)
