# exception instances: sizes, attribute dicts of subclasses vs builtin exceptions, traceback objects and refcounts
import gc
import sys
gc.collect()
class E(Exception):
    pass
class V(ValueError):
    def __init__(self, a, b):
        super().__init__(a)
        self.b = b
e = E("x")
v = V("a", [1])
print(sys.getsizeof(e), sys.getsizeof(v), gc.is_tracked(e), len(gc.get_referents(v)))
e.note = 1
print(sys.getsizeof(vars(e)), sorted(vars(e)), sorted(vars(v)))
try:
    raise v
except V as caught:
    tb = caught.__traceback__
print(type(tb).__name__, tb.tb_lineno, tb.tb_next is None, sys.getrefcount(v))
del tb
print(sys.getrefcount(v), v.args, str(v), repr(v))
k = KeyError("k")
k.extra = [1]
print(sys.getsizeof(k), sys.getsizeof(vars(k)), gc.get_referents(k)[0])
