# which objects accept weak references (functions, classes, sets, instances) and which refuse
import weakref
class C:
    def m(self):
        pass
def f():
    pass
ok = [("function", f), ("lambda", lambda: 0), ("class", C), ("instance", C()), ("set", set()),
      ("frozenset", frozenset([1])), ("type", int), ("bound method", C().m)]
for name, o in ok:
    r = weakref.ref(o)
    print(name, r() is o)
bad = [5, 2.5, "s", b"b", (1,), [1], {1: 2}, None, True, range(3), bytearray(), object(), len, 10 ** 30]
for o in bad:
    try:
        weakref.ref(o)
    except TypeError as e:
        print(type(e).__name__, e)
class L(list):
    pass
class D(dict):
    pass
print(weakref.ref(L())() is None, weakref.ref(D([(1, 2)]))() is None)
keep = L([1])
print(weakref.ref(keep)() == [1])
