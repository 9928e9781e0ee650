# gc.get_referents of functions, closures, cells, bound methods, classes and modules' objects
import gc
def plain(a, b=[1]):
    return a
def outer():
    x = [1]
    y = "y"
    def inner():
        return x, y
    return inner
inner = outer()
def names(objs):
    return [type(o).__name__ for o in objs]
print(names(gc.get_referents(plain)))
print(names(gc.get_referents(inner)))
cells = [o for o in gc.get_referents(inner) if type(o).__name__ == "tuple" and len(o) == 2]
print(len(cells), names(cells[0]) if cells else None)
print([gc.get_referents(c) for c in cells[0]])
class C:
    k = 1
    def m(self):
        return self
c = C()
bm = c.m
print(names(gc.get_referents(bm)), gc.get_referents(bm)[1] is c)
print(sorted(set(names(gc.get_referents(C)))))
lam = lambda: 0
print(names(gc.get_referents(lam)))
