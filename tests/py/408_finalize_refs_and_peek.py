# weakref.finalize keeps its function and arguments alive; peek() and detach() report them
import weakref
import sys
class R:
    pass
def cleanup(tag, items):
    print("cleanup", tag, len(items))
r = R()
items = [1, 2, 3]
print("refs before:", sys.getrefcount(items))
f = weakref.finalize(r, cleanup, "one", items)
print("refs with finalize:", sys.getrefcount(items))
pk = f.peek()
print(pk[0] is r, pk[1] is cleanup, pk[2][0], pk[2][1] is items, pk[3])
del pk
print(f.alive, weakref.getweakrefcount(r))
del r
print(f.alive, f.peek(), "refs after:", sys.getrefcount(items))
r2 = R()
f2 = weakref.finalize(r2, cleanup, "two", items)
print(f2.detach()[2][0], f2.detach(), f2.peek(), sys.getrefcount(items))
try:
    weakref.finalize(5, cleanup)
except TypeError as e:
    print(type(e).__name__, e)
