# __slots__ in practice: linked nodes with __weakref__, slots + property, slot inheritance, sizes, gc tracking and referents
import sys
class Node:
    __slots__ = ("val", "next", "__weakref__")
    def __init__(self, v, n=None):
        self.val = v
        self.next = n
head = None
for i in range(5):
    head = Node(i, head)
def walk(n):
    while n:
        yield n.val
        n = n.next
print(list(walk(head)), sys.getsizeof(head))
class Prop:
    __slots__ = ("_x",)
    def __init__(self):
        self._x = 0
    @property
    def x(self):
        return self._x
    @x.setter
    def x(self, v):
        self._x = v
p = Prop()
p.x = 5
print(p.x, sys.getsizeof(p))
try:
    p.y = 1
except AttributeError as e:
    print("AttributeError:", e)
class Base:
    __slots__ = ("a",)
class Derived(Base):
    __slots__ = ("b",)
    def __init__(self):
        self.a, self.b = 1, 2
d = Derived()
print(d.a, d.b, sys.getsizeof(d), sys.getsizeof(Base()), [s for c in Derived.__mro__ for s in getattr(c, "__slots__", ())])
import gc
print(gc.is_tracked(Node(1)), gc.is_tracked(Prop()), gc.is_tracked(Base()))
print(sorted(type(r).__name__ for r in gc.get_referents(Node("v", None))))
