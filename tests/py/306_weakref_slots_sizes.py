# the __weakref__ slot: sizes and weak-referenceability of slotted classes
import sys
import weakref
class NoWeak:
    __slots__ = ("a",)
class Weak:
    __slots__ = ("a", "__weakref__")
class Plain:
    pass
print(sys.getsizeof(NoWeak()), sys.getsizeof(Weak()), sys.getsizeof(Plain()))
w = Weak()
r = weakref.ref(w)
print(r() is w, weakref.getweakrefcount(w))
del w
print(r())
class Sub(NoWeak):
    pass
s = Sub()
print("a subclass without __slots__ gains __dict__ and __weakref__:", sys.getsizeof(s), weakref.ref(s)() is s)
