# references during and after comprehensions
import sys
class C:
    pass
o = C()
inside = [sys.getrefcount(o) for _ in range(2)]
print("name used inside a list comprehension:", inside)
items = [C(), C()]
print("loop var of a comprehension:", [sys.getrefcount(v) for v in items])
pairs = [(v, v) for v in items]
print("each item now in a 2-tuple:", sys.getrefcount(items[0]))
del pairs
d = {i: o for i in range(4)}
print("dict comprehension values:", sys.getrefcount(o))
s = {o for _ in range(4)}
print("set comprehension:", sys.getrefcount(o))
del d, s
print("dropped:", sys.getrefcount(o))
m = list(map(lambda v: v, [o, o]))
print("via map:", sys.getrefcount(o))
z = list(zip([o], [o]))
print("via zip:", sys.getrefcount(o))
