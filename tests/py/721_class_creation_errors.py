# errors while creating classes: __set_name__ and __init_subclass__ raising, slot conflicts, bad bases/keywords, __name__/__qualname__ assignment
class Desc:
    def __set_name__(self, owner, name):
        raise ValueError("bad name " + name)
try:
    class A:
        d = Desc()
except Exception as e:
    print(type(e).__name__, e, repr(e.__cause__), getattr(e, "__notes__", None))
class Base:
    def __init_subclass__(cls):
        raise TypeError("no subclasses of Base")
try:
    class Sub(Base):
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    class S:
        __slots__ = ("x",)
        @property
        def x(self): return 1
except ValueError as e:
    print("ValueError:", e)
try:
    class T:
        __slots__ = ("a", "a")
except TypeError as e:
    print("TypeError:", e)
try:
    class U:
        __slots__ = 5
except TypeError as e:
    print("TypeError:", e)
try:
    class V(int, dict): pass
except TypeError as e:
    print("TypeError:", e)
try:
    class X(object, metaclass=type, extra=1): pass
except TypeError as e:
    print("TypeError:", e)
try:
    type("Y", (), {}, 5)
except TypeError as e:
    print("TypeError:", e)
try:
    class Z:
        __slots__ = ("__dict__", "__dict__")
except TypeError as e:
    print("TypeError:", e)
class Q:
    __qualname__ = "Custom.Name"
print(Q.__qualname__, Q.__name__)
try:
    Q.__qualname__ = 5
except TypeError as e:
    print("TypeError:", e)
try:
    Q.__name__ = "a\x00b"
except ValueError as e:
    print("ValueError:", e)
