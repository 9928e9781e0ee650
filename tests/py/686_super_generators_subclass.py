# zero-arg super() inside generator methods, generator expressions in methods, and __init_subclass__ chains
class Base:
    def items(self):
        yield "base1"
        yield "base2"
    def tagged(self):
        return ["b:" + x for x in self.items()]
class Child(Base):
    def items(self):
        yield "child"
        yield from super().items()
    def upper(self):
        return list(s.upper() for s in super().items())
    def lazy_super(self):
        return (super().tagged() for _ in range(1))
c = Child()
print(list(c.items()), c.tagged(), c.upper())
try:
    list(c.lazy_super())
except TypeError as e:
    print("TypeError:", e)
class Registered:
    registry = {}
    def __init_subclass__(cls, /, key=None, **kw):
        super().__init_subclass__(**kw)
        Registered.registry[key or cls.__name__] = cls
class Mid(Registered, key="mid"):
    def __init_subclass__(cls, **kw):
        cls.from_mid = True
        super().__init_subclass__(**kw)
class Leaf(Mid, key="leaf"):
    pass
print(sorted(Registered.registry), Leaf.from_mid, hasattr(Mid, "from_mid"))
class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        cls = super().__new__(mcls, name, bases, ns, **kw)
        cls.made_by = mcls.__name__
        return cls
class WithMeta(Registered, metaclass=Meta, key="wm"):
    pass
print(WithMeta.made_by, Registered.registry["wm"] is WithMeta)
