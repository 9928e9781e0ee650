# gc.is_tracked and gc.get_referents of functions, closures, cells, property/classmethod/staticmethod, bound methods, iterators, super, slice
import gc, sys
def names(o):
    return sorted(type(r).__name__ for r in gc.get_referents(o))
def f(a=[1]):
    x = 1
    def g():
        return x
    return g
g = f()
class C:
    @property
    def p(self): return 1
    @classmethod
    def cm(cls): return 1
    @staticmethod
    def sm(): return 1
    def m(self): return 1
c = C()
for label, o in [("function", f), ("closure", g), ("cell", g.__closure__[0]), ("property", C.__dict__["p"]),
                 ("classmethod", C.__dict__["cm"]), ("staticmethod", C.__dict__["sm"]), ("method", c.m),
                 ("code", f.__code__), ("genexp", (x for x in [1])), ("range_iter", iter(range(3))),
                 ("list_iter", iter([1])), ("zip", zip([1], [2])), ("map", map(str, [1])),
                 ("enumerate", enumerate([1])), ("super", super(C, c)), ("slice", slice(1, 2)),
                 ("builtin_method", [].append), ("mappingproxy", C.__dict__)]:
    print(label, gc.is_tracked(o), names(o) if label not in ("code", "mappingproxy") else len(gc.get_referents(o)))
