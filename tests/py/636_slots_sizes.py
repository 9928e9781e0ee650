# __slots__: sizes by slot count, no __dict__, inheritance adding slots, __weakref__ slot, errors
import sys
class S0:
    __slots__ = ()
class S1:
    __slots__ = ("a",)
class S3:
    __slots__ = ("a", "b", "c")
class D:
    pass
class S3D(S3):
    pass
class S3More(S3):
    __slots__ = ("d",)
class SW:
    __slots__ = ("a", "__weakref__")
class SDict:
    __slots__ = ("a", "__dict__")
for cls in (S0, S1, S3, D, S3D, S3More, SW, SDict):
    o = cls()
    print(cls.__name__, sys.getsizeof(o), hasattr(o, "__dict__"), cls.__basicsize__)
s = S3()
s.a = 1
print(s.a, hasattr(s, "b"))
try:
    s.z = 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    print(s.b)
except AttributeError as e:
    print("AttributeError:", e)
del s.a
try:
    del s.a
except AttributeError as e:
    print("AttributeError:", e)
print(type(S3.__dict__["a"]).__name__, S3.a.__name__, sorted(S3.__dict__["__slots__"]))
x = SDict()
x.a = 1
x.other = 2
print(x.a, x.__dict__)
m = S3More()
m.a, m.d = 1, 4
print(m.a, m.d, S3More.__slots__)
try:
    class Bad:
        __slots__ = ("a",)
        a = 5
except ValueError as e:
    print("ValueError:", e)
