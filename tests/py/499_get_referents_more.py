# gc.get_referents of exceptions, tracebacks, iterators, views, weakrefs, bound builtins, classes (traverse order)
import gc
import weakref
def names(objs):
    return [type(o).__name__ for o in objs]
try:
    raise ValueError("x", [1])
except ValueError as e:
    err = e
print(names(gc.get_referents(err)))
print(names(gc.get_referents(err.__traceback__)))
lst = [1, 2]
print(names(gc.get_referents(iter(lst))), names(gc.get_referents(reversed(lst))), names(gc.get_referents(enumerate(lst))))
d = {"a": [1]}
print(names(gc.get_referents(d.keys())), names(gc.get_referents(d.items())), names(gc.get_referents(iter(d))))
print(names(gc.get_referents(zip(lst, lst))), names(gc.get_referents(map(len, lst))), names(gc.get_referents(filter(None, lst))))
class C:
    def m(self):
        pass
c = C()
def cb(r):
    pass
print(names(gc.get_referents(weakref.ref(c))), names(gc.get_referents(weakref.ref(c, cb))))
print(names(gc.get_referents([].append)), names(gc.get_referents(c.m)))
print(sorted(set(names(gc.get_referents(C)))), names(gc.get_referents(range(3))), gc.get_referents(iter(range(3))))
print(names(gc.get_referents(set([(1, 2)]))), names(gc.get_referents(frozenset(["a"]))))
print(names(gc.get_referents(iter("abc"))), names(gc.get_referents(iter((1, 2)))), names(gc.get_referents(iter({1}))))
print(names(gc.get_referents(Exception())), names(gc.get_referents(StopIteration(5))))
print(names(gc.get_referents(KeyError("k").with_traceback(None))))
