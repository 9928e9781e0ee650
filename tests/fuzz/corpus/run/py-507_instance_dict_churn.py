# instance dicts: many attributes, deleting them all, update() through __dict__, order after del/re-add, __dict__ slot
import gc
import sys
gc.collect()
class A:
    pass
a = A()
for i in range(30):
    setattr(a, "a%d" % i, i)
print(sys.getsizeof(a), sys.getsizeof(a.__dict__), len(vars(a)))
b = A()
b.x = 1
print(sys.getsizeof(b), gc.is_tracked(b))
for i in range(30):
    del a.__dict__["a%d" % i]
print(sys.getsizeof(a.__dict__), vars(a))
c = A()
c.__dict__.update({"p": 1, "q": 2})
print(sys.getsizeof(vars(c)), sorted(vars(c)))
d = A()
d.z = 1
d.y = 2
print(list(vars(d)), sys.getsizeof(vars(d)))
del d.z
d.z = 3
print(list(vars(d)))
class S:
    __slots__ = ("a", "__dict__")
s = S()
s.a = 1
s.b = 2
print(sys.getsizeof(s), sys.getsizeof(vars(s)), vars(s))
e = A()
print(sys.getrefcount(vars(e)), sys.getrefcount(e.__dict__))
