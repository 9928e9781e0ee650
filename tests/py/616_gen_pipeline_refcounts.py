# generator pipelines: objects flowing through stages are released promptly (refcounts, __del__)
import sys
log = []
class Item:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        log.append("del %d" % self.n)
def source(k):
    for i in range(k):
        yield Item(i)
def double(items):
    for it in items:
        yield Item(it.n * 2)
def keep_even(items):
    for it in items:
        if it.n % 4 == 0:
            yield it
for x in keep_even(double(source(3))):
    log.append("got %d" % x.n)
print(log)
log.clear()
del x
print(log)
log.clear()
probe = Item(99)
def hold(p):
    yield p
    yield p
h = hold(probe)
print(sys.getrefcount(probe))
v = next(h)
print(sys.getrefcount(probe))
del v
h.close()
print(sys.getrefcount(probe))
del h, probe
print(log)
