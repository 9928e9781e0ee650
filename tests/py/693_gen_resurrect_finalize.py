# generator finalization: yield in finally, tracked state, a __del__ resurrecting a generator from a cycle
import gc, sys
gc.collect()
def g():
    try:
        yield 1
    finally:
        yield 2
x = g(); next(x)
try:
    x.close()
except RuntimeError as e: print(e)
del x
gc.collect()
def h():
    yield
y = h()
print(gc.is_tracked(y), gc.is_finalized(y))
next(y)
try: next(y)
except StopIteration: pass
print(gc.is_tracked(y))
class R:
    def __del__(self):
        global saved
        saved = self.gen
        print("resurrect")
def gg(r):
    yield r
r = R(); gen = gg(r); r.gen = gen; next(gen)
del r, gen
print(gc.collect())
print(type(saved).__name__, saved.gi_frame is None)
del saved
print(gc.collect())
