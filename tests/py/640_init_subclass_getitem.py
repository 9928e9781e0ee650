# __init_subclass__ with keywords, __class_getitem__, __set_name__ on descriptors
class Base:
    subclasses = []
    def __init_subclass__(cls, kind="plain", **kw):
        super().__init_subclass__(**kw)
        cls.kind = kind
        Base.subclasses.append(cls.__name__)
class One(Base):
    pass
class Two(Base, kind="special"):
    pass
class Three(Two):
    pass
print(Base.subclasses, One.kind, Two.kind, Three.kind, hasattr(Base, "kind"))
try:
    class Bad(Base, unknown=1):
        pass
except TypeError as e:
    print("TypeError:", e)
class Box:
    def __class_getitem__(cls, item):
        return "%s[%s]" % (cls.__name__, getattr(item, "__name__", item))
print(Box[int], Box["x"], Box[int, str] if False else Box[(1, 2)])
print(type(list[int]).__name__, list[int] == list[int], repr(dict[str, int]))
class Field:
    def __set_name__(self, owner, name):
        self.name = name
        self.owner = owner.__name__
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return "field %s of %s" % (self.name, self.owner)
class Model:
    title = Field()
    body = Field()
m = Model()
print(m.title, m.body, Model.title.name)
