# __exit__ arguments: refcount of the exception, tb_frame, return inside with, bad as-targets, __exit__ = None
import sys, gc
gc.collect()
class CM:
    def __enter__(self): return self
    def __exit__(self, *a):
        print(sys.getrefcount(a[1]) if a[1] else None, a[2].tb_frame.f_code.co_name if a[2] else None)
        return True
def f():
    with CM():
        raise ValueError
f()
with CM() as c:
    print(sys.getrefcount(c))
def g():
    with CM():
        return 5
print(g())
try:
    with CM() as (a, b):
        pass
except TypeError as e:
    print(e)
class E:
    __enter__ = lambda self: 1
    __exit__ = None
try:
    with E(): pass
except TypeError as e: print(e)
