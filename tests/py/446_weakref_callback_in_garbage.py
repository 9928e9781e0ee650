# weakref callbacks: not called when the weakref dies with its referent in the same trash; called otherwise
import gc
import weakref
gc.collect()
log = []
class T:
    pass
def cb(r):
    log.append("callback")
a = T()
a.me = a
a.wr = weakref.ref(a, cb)
del a
print("weakref in the trash:", gc.collect(), log)
b = T()
b.me = b
keep = weakref.ref(b, cb)
del b
print("weakref outside:", gc.collect(), log)
c = T()
holder = T()
holder.wr = weakref.ref(c, cb)
holder.me = holder
c.me = c
del c, holder
print("weakref held by other trash:", gc.collect(), log)
