# __slots__: fixed attributes, no __dict__, errors for unknown attributes
class P:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
p = P(1, 2)
print(p.x, p.y, hasattr(p, "__dict__"))
p.x = 10
print(p.x)
try:
    p.z = 3
except AttributeError as e:
    print(type(e).__name__, e)
del p.y
try:
    p.y
except AttributeError as e:
    print(type(e).__name__, e)
p.y = "back"
print(p.y)
class Q:
    __slots__ = ("a",)
q = Q()
try:
    q.a
except AttributeError as e:
    print(type(e).__name__, e)
try:
    vars(q)
except TypeError as e:
    print(type(e).__name__, e)
class Sub(P):
    pass
s = Sub(1, 2)
s.extra = "has dict"
print(s.x, s.extra, vars(s))
class SubSlots(P):
    __slots__ = ("z",)
ss = SubSlots(1, 2)
ss.z = 3
print(ss.x, ss.y, ss.z, hasattr(ss, "__dict__"))
class Empty:
    __slots__ = ()
try:
    Empty().a = 1
except AttributeError as e:
    print(type(e).__name__, e)
