# dataclass-like classes without imports: generated __init__/__repr__/__eq__ via a decorator
def dataclass(cls):
    fields = [k for k in cls.__annotations__]
    defaults = {k: cls.__dict__[k] for k in fields if k in cls.__dict__}
    def __init__(self, *args, **kw):
        for i, name in enumerate(fields):
            if i < len(args):
                v = args[i]
            elif name in kw:
                v = kw[name]
            elif name in defaults:
                v = defaults[name]
            else:
                raise TypeError("missing " + name)
            setattr(self, name, v)
    def __repr__(self):
        return "%s(%s)" % (cls.__name__, ", ".join("%s=%r" % (f, getattr(self, f)) for f in fields))
    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in fields)
    cls.__init__ = __init__
    cls.__repr__ = __repr__
    cls.__eq__ = __eq__
    return cls
@dataclass
class Point:
    x: int
    y: int = 0
    label: str = "p"
a = Point(1, 2)
b = Point(1, y=2)
c = Point(x=3, label="c")
print(a, b, c, Point.__annotations__)
print(a == b, a == c, a != c, a == 5, Point.__hash__)
try:
    Point()
except TypeError as e:
    print("TypeError:", e)
try:
    {a}
except TypeError as e:
    print("TypeError:", e)
