# __slots__: instance sizes grow 8 bytes a slot; __dict__ and __weakref__ slots; getsizeof after vars()
import sys
class S0:
    __slots__ = ()
class S1:
    __slots__ = ("a",)
class S3:
    __slots__ = ("a", "b", "c")
class SD:
    __slots__ = ("a", "__dict__")
class SW:
    __slots__ = ("a", "__weakref__")
class SDW:
    __slots__ = ("__dict__", "__weakref__")
class Sub(S1):
    __slots__ = ("b",)
class SubNoSlots(S1):
    pass
for cls in (S0, S1, S3, SD, SW, SDW, Sub, SubNoSlots):
    o = cls()
    print(cls.__name__, sys.getsizeof(o))
sd = SD()
sd.a = 1
sd.x = 2
print("SD with dict attr:", sys.getsizeof(sd), sorted(vars(sd)))
sn = SubNoSlots()
sn.a = 1
sn.z = 3
print("SubNoSlots:", sys.getsizeof(sn), vars(sn))
try:
    S1().b = 5
except AttributeError as e:
    print(type(e).__name__, e)
s = S3()
s.a = 1
try:
    print(s.b)
except AttributeError as e:
    print(type(e).__name__, e)
try:
    vars(s)
except TypeError as e:
    print(type(e).__name__, e)
