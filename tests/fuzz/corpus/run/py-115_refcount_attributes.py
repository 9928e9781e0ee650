# references held by instance and class attributes
import sys
class Holder:
    pass
class Item:
    pass
i = Item()
h = Holder()
print(sys.getrefcount(i))
h.a = i
print(sys.getrefcount(i))
h.b = i
print(sys.getrefcount(i))
Holder.shared = i
print(sys.getrefcount(i))
del h.a
print(sys.getrefcount(i))
h.b = None
del Holder.shared
print(sys.getrefcount(i))
h.me = h
print("self attribute:", sys.getrefcount(h))
vars(h)
print("after vars():", sys.getrefcount(h), sys.getrefcount(i))
h.c = i
print("attribute on materialized dict:", sys.getrefcount(i))
d = vars(h)
print("dict itself:", sys.getrefcount(d))
class Slotted:
    __slots__ = ("x",)
s = Slotted()
s.x = i
print("slot:", sys.getrefcount(i))
del s.x
print("slot deleted:", sys.getrefcount(i))
