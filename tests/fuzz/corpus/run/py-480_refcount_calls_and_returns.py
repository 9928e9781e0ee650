# sys.getrefcount inside calls: arguments, *args tuples, defaults, returned temporaries, method calls
import sys
class C:
    def m(self):
        return sys.getrefcount(self)
obj = C()
base = sys.getrefcount(obj)
def one(a):
    return sys.getrefcount(a)
def two(a, b):
    return sys.getrefcount(a)
def star(*args):
    return sys.getrefcount(args[0])
def deflt(a=obj):
    return sys.getrefcount(a)
print("one arg:", one(obj) - base)
print("same object twice:", two(obj, obj) - base)
print("via *args:", star(obj) - base)
print("default:", deflt() - base)
print("method self:", obj.m() - base)
print("unbound C.m(obj):", C.m(obj) - base)
bm = obj.m
print("bound method object holds self:", sys.getrefcount(obj) - base)
del bm
lst = [obj]
print("in a list:", sys.getrefcount(obj) - base)
def ret():
    return obj
r = ret()
print("returned and bound:", sys.getrefcount(obj) - base)
del r, lst
print("back:", sys.getrefcount(obj) - base)
print("lambda arg:", (lambda a: sys.getrefcount(a))(obj) - base)
print("nested call:", one(one) - sys.getrefcount(one))
