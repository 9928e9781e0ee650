# sys.getrefcount of classes (instances, subclasses, methods) and functions (globals, nested, lambdas)
import sys
class C:
    def m(self):
        return sys.getrefcount(C)
def f():
    return sys.getrefcount(f)
base_c = sys.getrefcount(C)
base_f = sys.getrefcount(f)
c = C()
print("class after instance:", sys.getrefcount(C) - base_c)
print("inside method:", c.m() - base_c)
print("function inside itself:", f() - base_f)
class D(C):
    pass
print("class after subclass:", sys.getrefcount(C) - base_c)
print("subclass:", sys.getrefcount(D))
bm = c.m
print("bound method func:", sys.getrefcount(C.m))
del bm
g = lambda: 0
print("lambda:", sys.getrefcount(g))
def outer():
    def inner():
        return 1
    return sys.getrefcount(inner)
print("nested def:", outer())
print("module function in globals:", sys.getrefcount(outer))
x = [C(), C()]
print("class with 3 instances:", sys.getrefcount(C) - base_c)
del x, c
print("class after del:", sys.getrefcount(C) - base_c)
