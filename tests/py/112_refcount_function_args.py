# references held by call frames: parameters, caller's names, nested calls
import sys
class C:
    pass
def one(x):
    return sys.getrefcount(x)
def two(x, y):
    return sys.getrefcount(x)
def passthrough(x):
    return one(x)
def deeper(x):
    return passthrough(x)
o = C()
print("module name only:", sys.getrefcount(o))
print("one(o):", one(o))
print("two(o, o):", two(o, o))
print("passthrough:", passthrough(o))
print("deeper:", deeper(o))
print("temporary:", one(C()))
print("temporary via passthrough:", passthrough(C()))
def keyword(a=None, b=None):
    return sys.getrefcount(b)
print("keyword arg:", keyword(b=o))
def star(*args):
    return sys.getrefcount(args[0]), sys.getrefcount(args)
print("*args:", star(o), star(o, o))
def default(x=o):
    return sys.getrefcount(x)
print("default used:", default(), "now module:", sys.getrefcount(o))
l = [C()]
print("list item passed:", one(l[0]))
