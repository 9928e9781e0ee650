# __new__ (singletons), multiple inheritance with cooperative __init__
class Single:
    _inst = None
    def __new__(cls):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
            print("created")
        return cls._inst
    def __init__(self):
        print("init called")
a, b = Single(), Single()
print(a is b)
log = []
class Base:
    def __init__(self, **kw):
        log.append("Base")
        super().__init__(**kw)
class Left(Base):
    def __init__(self, left=None, **kw):
        log.append("Left %s" % left)
        super().__init__(**kw)
class Right(Base):
    def __init__(self, right=None, **kw):
        log.append("Right %s" % right)
        super().__init__(**kw)
class Both(Left, Right):
    def __init__(self, **kw):
        log.append("Both")
        super().__init__(**kw)
Both(left=1, right=2)
print(log, [c.__name__ for c in Both.__mro__])
class Mixin:
    def hello(self):
        return "mixin " + self.name
class Named:
    def __init__(self, name):
        self.name = name
class Thing(Mixin, Named):
    pass
print(Thing("t").hello(), Thing.__bases__ == (Mixin, Named))
try:
    class Bad(Left, Base, Right):
        pass
except TypeError as e:
    print("TypeError:", e)
