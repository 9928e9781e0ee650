# references held by local variables inside functions
import sys
class C:
    pass
def f():
    x = C()
    r1 = sys.getrefcount(x)
    y = x
    r2 = sys.getrefcount(x)
    z = [x, y]
    r3 = sys.getrefcount(x)
    del y
    r4 = sys.getrefcount(x)
    z = None
    r5 = sys.getrefcount(x)
    return r1, r2, r3, r4, r5
print(f())
def g():
    lst = []
    r = [sys.getrefcount(lst)]
    alias = lst
    r.append(sys.getrefcount(lst))
    lst.append(lst)
    r.append(sys.getrefcount(lst))
    return r
print(g())
def h():
    a = C()
    b = C()
    a.other = b
    b.other = a
    return sys.getrefcount(a), sys.getrefcount(b)
print(h())
def reassign():
    x = C()
    keep = x
    x = C()
    return sys.getrefcount(keep), sys.getrefcount(x)
print(reassign())
