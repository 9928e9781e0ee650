# default argument values are held by the function's defaults tuple
import sys
class C:
    pass
d = C()
print("before def:", sys.getrefcount(d))
def f(x=d):
    return x
print("default of f:", sys.getrefcount(d))
def g(a=d, b=d):
    return a
print("two defaults of g:", sys.getrefcount(d))
r = f()
print("f() result kept:", sys.getrefcount(d))
del r
del f
print("f deleted:", sys.getrefcount(d))
del g
print("g deleted:", sys.getrefcount(d))
lam = lambda y=d: y
print("lambda default:", sys.getrefcount(d))
lam = None
print("lambda dropped:", sys.getrefcount(d))
def outer():
    local = C()
    def inner(v=local):
        return v
    return sys.getrefcount(local), inner
n, fn = outer()
print("local captured as default:", n, sys.getrefcount(fn()))
