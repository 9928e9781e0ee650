# a suspended generator's frame keeps its locals alive: refcounts, get_referents
import gc, sys
class Obj:
    def __repr__(self):
        return "Obj"
def g(x):
    y = [x]
    yield 1
    yield len(y)
o = Obj()
print("before", sys.getrefcount(o))
it = g(o)
print("created", sys.getrefcount(o))
next(it)
print("suspended", sys.getrefcount(o))
refs = gc.get_referents(it)
print([type(r).__name__ for r in refs])
print(gc.is_tracked(it))
next(it)
print("after 2nd", sys.getrefcount(o))
try:
    next(it)
except StopIteration:
    pass
print("finished", sys.getrefcount(o))
it2 = g(o)
next(it2)
print(sys.getrefcount(o))
del it2
print("deleted", sys.getrefcount(o))
it3 = g(o)
print(sys.getrefcount(it3))
