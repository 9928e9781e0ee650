# refcounts through closures: values in cells, functions sharing a cell, deleting the outer reference
import sys
class V:
    pass
v = V()
b = sys.getrefcount(v)
def make(x):
    def f():
        return x
    def g():
        return x
    return f, g
f, g = make(v)
print(sys.getrefcount(v) - b, f.__closure__[0] is g.__closure__[0])
cell = f.__closure__[0]
print(sys.getrefcount(cell))
del f
print(sys.getrefcount(cell), sys.getrefcount(v) - b)
del g
print(sys.getrefcount(cell), sys.getrefcount(v) - b)
del cell
print(sys.getrefcount(v) - b)
def adder(n):
    return lambda x: x + n
fs = [adder(i) for i in range(3)]
print([f(10) for f in fs], sys.getrefcount(fs[0]))
def rebinding():
    obj = V()
    def get():
        return obj
    before = sys.getrefcount(obj)
    obj = None
    return before, get()
print(rebinding())
