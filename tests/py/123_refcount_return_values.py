# references of returned objects and objects kept by the callee
import sys
class C:
    pass
cache = []
def make():
    return C()
def make_and_keep():
    o = C()
    cache.append(o)
    return o
def identity(v):
    return v
print("fresh return value:", sys.getrefcount(make()))
a = make()
print("bound:", sys.getrefcount(a))
b = make_and_keep()
print("also kept in cache:", sys.getrefcount(b))
print("identity(a):", sys.getrefcount(identity(a)))
c = identity(identity(a))
print("after nested identity:", sys.getrefcount(a))
def pair(v):
    return v, v
t = pair(a)
print("returned in a tuple twice:", sys.getrefcount(a))
del t, c
print("back:", sys.getrefcount(a))
def lst():
    return [C()]
print("item of a returned list:", sys.getrefcount(lst()[0]))
