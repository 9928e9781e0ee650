# instance sizes: plain classes (inline values, 56 bytes whatever the attributes), __slots__
import sys
class Plain:
    pass
class Attrs:
    def __init__(self):
        self.a = 1
        self.b = 2
        self.c = 3
class S0:
    __slots__ = ()
class S1:
    __slots__ = ("a",)
class S3:
    __slots__ = ("a", "b", "c")
class Sub(Plain):
    pass
class SubSlots(S1):
    __slots__ = ("b",)
class SlotsWithDict(S1):
    pass
class Err(Exception):
    pass
p = Plain()
print("plain:", sys.getsizeof(p), "with 3 attrs:", sys.getsizeof(Attrs()))
for i in range(30):
    setattr(p, "attr%d" % i, i)
print("plain with 30 attrs:", sys.getsizeof(p))
print("slots 0/1/3:", sys.getsizeof(S0()), sys.getsizeof(S1()), sys.getsizeof(S3()))
print("subclass:", sys.getsizeof(Sub()), "slots subclass:", sys.getsizeof(SubSlots()), "slots base, dict sub:", sys.getsizeof(SlotsWithDict()))
print("exception subclass:", sys.getsizeof(Err()), "Exception():", sys.getsizeof(Exception()), "ValueError('x'):", sys.getsizeof(ValueError("x")))
print("object():", sys.getsizeof(object()))
