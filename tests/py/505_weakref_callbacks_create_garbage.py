# weakref callbacks that create cyclic garbage during a collection; counts and stats after automatic runs
import gc
import weakref
gc.collect()
log = []
class T:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        log.append(("del", self.n))
def cb(r):
    log.append(("cb", r() is None))
    junk = [T(100 + i) for i in range(2)]
    for j in junk:
        j.me = j
a = T(1)
b = T(2)
a.b = b
b.a = a
ra = weakref.ref(a, cb)
rb = weakref.ref(b, cb)
del a, b
n1 = gc.collect()
print(n1, log)
log.clear()
n2 = gc.collect()
print(n2, sorted(log))
log.clear()
c = T(3)
c.me = c
rc = weakref.ref(c, cb)
del c
print(gc.collect(0), log)
log.clear()
stats0 = [s["collected"] for s in gc.get_stats()]
gc.set_threshold(50, 2, 1000)
keep = []
for i in range(200):
    t = T(i)
    t.me = t
    keep.append([i])
del t
gc.set_threshold(700, 10, 10)
stats1 = [s["collected"] for s in gc.get_stats()]
print(len(log), [b - a for a, b in zip(stats0, stats1)], gc.get_count())
