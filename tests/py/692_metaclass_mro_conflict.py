# metaclasses: custom mro(), __repr__ on classes, class decorators, metaclass conflicts and errors
class M(type):
    def mro(cls):
        return [cls] + [c for c in type.mro(cls) if c is not cls]
class A(metaclass=M):
    pass
print(A.__mro__)
class N(type):
    def __repr__(cls): return "N!"
print(N("X", (), {}), type(N("Y", (), {})))
def deco(c):
    c.x = 1
    return c
@deco
class B: pass
print(B.x, B.__name__, B.__qualname__, B.__module__, B.__doc__)
class D:
    "doc"
    __slots__ = ()
print(D.__doc__, D.__dict__.keys() - {"__module__"} == {"__doc__", "__slots__"})
print(type.__call__(int, "5"), type("Z", (object,), {"a": 1}).a)
try:
    type("Z", (1,), {})
except TypeError as e: print(e)
try:
    class E(metaclass=5): pass
except TypeError as e: print(e)
class Meta1(type): pass
class Meta2(type): pass
class X1(metaclass=Meta1): pass
class X2(metaclass=Meta2): pass
try:
    class Y(X1, X2): pass
except TypeError as e: print(e)
print(vars(B).get("x"), sorted(k for k in vars(B) if not k.startswith("__")))
