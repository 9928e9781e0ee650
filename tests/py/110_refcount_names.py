# sys.getrefcount of a fresh object bound to module-level names (the argument adds one)
import sys
class C:
    pass
a = C()
print(sys.getrefcount(a))
b = a
print(sys.getrefcount(a))
c = b
print(sys.getrefcount(a), sys.getrefcount(b), sys.getrefcount(c))
del b
print(sys.getrefcount(a))
c = None
print(sys.getrefcount(a))
print(sys.getrefcount(C()), sys.getrefcount([]), sys.getrefcount({}), sys.getrefcount(object()))
x = [1, 2]
y = [x]
print(sys.getrefcount(x), sys.getrefcount(y))
a, b = x, x
print(sys.getrefcount(x))
del a, b
print(sys.getrefcount(x))
