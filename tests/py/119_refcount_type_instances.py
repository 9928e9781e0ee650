# every instance of a class holds a reference to its class
import sys
class Thing:
    pass
class Slotted:
    __slots__ = ()
base = sys.getrefcount(Thing)
things = [Thing() for _ in range(10)]
print("10 instances:", sys.getrefcount(Thing) - base)
things.append(Thing())
print("11 instances:", sys.getrefcount(Thing) - base)
del things
print("all gone:", sys.getrefcount(Thing) - base)
sbase = sys.getrefcount(Slotted)
s = [Slotted(), Slotted()]
print("2 slotted instances:", sys.getrefcount(Slotted) - sbase)
ibase = sys.getrefcount(int)
nums = [10**20 + i for i in range(5)]
print("ints do not reference their (static) type:", sys.getrefcount(int) - ibase)
class Sub(Thing):
    pass
after_sub = sys.getrefcount(Thing)
sub = Sub()
print("subclass instance does not reference the base:", sys.getrefcount(Thing) - after_sub)
sub_before = sys.getrefcount(Sub)
sub2 = Sub()
print("but references its own class:", sys.getrefcount(Sub) - sub_before)
