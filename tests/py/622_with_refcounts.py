# with: refcounts of the manager and the as-target during and after the block; exit's traceback
import sys
class CM:
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        self.seen = (et, ev, tb)
        return True
cm = CM()
base = sys.getrefcount(cm)
inside = []
with cm as t:
    inside.append(sys.getrefcount(cm) - base)
after = sys.getrefcount(cm) - base
del t
print(inside, after, sys.getrefcount(cm) - base)
with cm:
    inside.append(sys.getrefcount(cm) - base)
print(inside)
class E(Exception):
    pass
err = None
with cm:
    err = E("x")
    raise err
et, ev, tb = cm.seen
print(et.__name__, ev is err, type(tb).__name__, tb.tb_lineno)
print(sys.getrefcount(err))
del cm.seen, et, ev, tb
print(sys.getrefcount(err))
def inner():
    c = CM()
    with c:
        return sys.getrefcount(c)
print(inner())
