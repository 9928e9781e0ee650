# metaclass hooks on classes: __getattr__/__setattr__/__getitem__/__iter__/__instancecheck__ via type subclass
class Meta(type):
    def __getattr__(cls, name):
        return "meta fallback " + name
    def __setattr__(cls, name, value):
        if name.startswith("_frozen"):
            raise AttributeError("frozen " + name)
        super().__setattr__(name, value)
    def __getitem__(cls, key):
        return "%s[%r]" % (cls.__name__, key)
    def __iter__(cls):
        return iter(sorted(k for k in vars(cls) if not k.startswith("__")))
    def __instancecheck__(cls, obj):
        return hasattr(obj, "quacks")
    def __contains__(cls, item):
        return item == "in"
class Enumish(metaclass=Meta):
    RED = 1
    GREEN = 2
print(Enumish.RED, Enumish.BLUE, Enumish[3], list(Enumish), "in" in Enumish, "out" in Enumish)
Enumish.YELLOW = 3
print(list(Enumish))
try:
    Enumish._frozen_x = 1
except AttributeError as e:
    print("AttributeError:", e)
class Duck:
    quacks = True
print(isinstance(Duck(), Enumish), isinstance(5, Enumish))
inst = Enumish()
try:
    inst.missing
except AttributeError as e:
    print("AttributeError:", e)
class Sub(Enumish):
    BLACK = 0
print(list(Sub), Sub.RED, type(Sub).__name__, Sub["k"])
class WithMethods(type):
    def create(cls, *a):
        return cls(*a)
    @property
    def nick(cls):
        return cls.__name__.lower()
class Thing(metaclass=WithMethods):
    def __init__(self, v=0):
        self.v = v
print(Thing.create(7).v, Thing.nick, hasattr(Thing(), "create"), hasattr(Thing(), "nick"))
