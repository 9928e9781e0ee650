# super(): chained __init__, method extension through three levels
class Base:
    def __init__(self, name):
        self.name = name
        print("Base.__init__", name)
    def greet(self):
        return "hello from Base (" + self.name + ")"
    def kind(self):
        return "base"
class Mid(Base):
    def __init__(self, name, level):
        super().__init__(name)
        self.level = level
        print("Mid.__init__", level)
    def greet(self):
        return super().greet() + " via Mid"
class Leaf(Mid):
    def __init__(self):
        super().__init__("leaf", 3)
        print("Leaf.__init__")
    def greet(self):
        return super().greet() + " via Leaf"
    def kind(self):
        return "leaf/" + super().kind()
x = Leaf()
print(x.greet())
print(x.kind(), x.name, x.level)
print(super(Leaf, x).greet())
print(super(Mid, x).greet())
class NoInit(Base):
    pass
n = NoInit("n")
print(n.greet(), n.kind())
class Counter:
    count = 0
    def __init__(self):
        Counter.count += 1
class Special(Counter):
    def __init__(self):
        super().__init__()
        super().__init__()
Special()
print(Counter.count)
try:
    Base()
except TypeError as e:
    print(type(e).__name__, e)
