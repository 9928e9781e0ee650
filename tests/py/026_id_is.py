# id() and `is`: identity of live objects (only booleans are printed, never ids)
a = [1, 2]
b = a
c = [1, 2]
print(id(a) == id(b), id(a) == id(c), a is b, a is c, a == c, a is not c)
print(type(id(a)).__name__, id(a) > 0, id(a) == id(a))
objs = [[], {}, (1, []), object(), 1.5 * 2, "x" * 30]
print(len(set([id(o) for o in objs])) == len(objs))
def f(x):
    return id(x)
print(f(a) == id(a))
t = (a, a)
print(t[0] is t[1], id(t[0]) == id(a))
print(None is None, True is True, type(None) is type(None))
e1 = ()
e2 = tuple()
e3 = tuple([])
empty_s = ""
empty_b = b""
print(e1 is e2, e2 is e3, empty_s is str(), empty_b is bytes())
s = "hello"
print(s is s, str(s) is s, s[:] is s, s[0:5] is s)
l = [1, 2, 3]
print(l[:] is l, list(l) is l, l.copy() is l)
tu = (1, 2, 3)
print(tu[:] is tu, tuple(tu) is tu)
fs = frozenset([1])
print(frozenset(fs) is fs, set(fs) is fs)
class C:
    def m(self):
        pass
obj = C()
print(obj.m is obj.m, obj.m == obj.m, C.m is C.m)
