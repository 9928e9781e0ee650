# with: the manager is held during the body and released after; the as-target keeps its value
import sys
import gc
gc.collect()
class CM:
    def __enter__(self):
        return self
    def __exit__(self, a, b, c):
        counts.append(sys.getrefcount(self))
        return False
    def __del__(self):
        print("CM freed")
counts = []
m = CM()
print("before:", sys.getrefcount(m))
with m as x:
    counts.append(sys.getrefcount(m))
print("in body, in exit:", counts)
print("after:", sys.getrefcount(m))
del m
print("x still bound")
del x
counts.clear()
with CM():
    print("anonymous manager in body")
print("after anonymous", counts)
def f():
    with CM() as c:
        return sys.getrefcount(c)
print("in function:", f())
