# class attributes: counters, constants, mutation via instances and classes
class Config:
    DEBUG = False
    LEVELS = ("low", "high")
    registry = {}
    def __init__(self, name):
        self.name = name
        Config.registry[name] = self
    def toggle(self):
        self.DEBUG = not self.DEBUG
        return self.DEBUG
a = Config("a")
b = Config("b")
print(sorted(Config.registry), Config.registry["a"] is a)
print(a.toggle(), a.DEBUG, b.DEBUG, Config.DEBUG)
Config.DEBUG = True
print(a.DEBUG, b.DEBUG)
print(Config.LEVELS[1], a.LEVELS is Config.LEVELS)
class Child(Config):
    DEBUG = "child"
c = Child("c")
print(c.DEBUG, sorted(Child.registry), Child.registry is Config.registry)
setattr(Child, "NEW", 1)
print(Child.NEW, hasattr(Config, "NEW"))
class Shape:
    sides = 0
    def __init__(self):
        self.sides = type(self).sides
class Tri(Shape):
    sides = 3
class Sq(Shape):
    sides = 4
print([s.sides for s in (Shape(), Tri(), Sq())])
print(Tri.__name__, Tri.sides, vars(Tri()))
