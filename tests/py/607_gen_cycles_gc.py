# generators in reference cycles are collected; finally blocks run; is_finalized stays False
import gc
gc.collect()
log = []
class Node:
    def __del__(self):
        log.append("Node.__del__")
def selfref():
    me = yield
    try:
        yield me
    finally:
        log.append("selfref finally")
g = selfref()
next(g)
g.send(g)
print(gc.is_finalized(g))
del g
print("after del", log)
print("collected", gc.collect() > 0, log)
log.clear()
def holds(n):
    n.gen = yield
    yield 1
n = Node()
h = holds(n)
next(h)
h.send(h)
n.h = h
del n, h
print(log)
gc.collect()
print(log)
log.clear()
def plain():
    yield 1
p = plain()
l = [p]
l.append(l)
del p, l
gc.collect()
print("plain ok", log)
def fin(box):
    try:
        yield 1
    finally:
        log.append("fin %d" % len(box))
box = []
f = fin(box)
next(f)
box.append(f)
print(gc.is_tracked(f), gc.is_finalized(f))
del f, box
gc.collect()
print(log)
