# DEBUG_SAVEALL with weakref callbacks and finalizers: callbacks and __del__ still run, weakrefs are cleared
import gc
import weakref
gc.collect()
log = []
class T:
    def __del__(self):
        log.append("del")
def cb(r):
    log.append("cb")
gc.set_debug(gc.DEBUG_SAVEALL)
t = T()
t.me = t
w = weakref.ref(t, cb)
del t
n = gc.collect()
print(n, log, len(gc.garbage), w() is None, gc.is_finalized(gc.garbage[0]) if gc.garbage else None)
log.clear()
gc.set_debug(0)
del gc.garbage[:]
print(gc.collect(), log)
gc.set_debug(gc.DEBUG_SAVEALL | gc.DEBUG_UNCOLLECTABLE)
print(gc.get_debug() == gc.DEBUG_SAVEALL | gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_LEAK == gc.DEBUG_COLLECTABLE | gc.DEBUG_UNCOLLECTABLE | gc.DEBUG_SAVEALL)
gc.set_debug(0)
u = T()
u.me = u
wu = weakref.ref(u)
del u
gc.set_debug(gc.DEBUG_SAVEALL)
print(gc.collect(), wu() is None, [type(o).__name__ for o in gc.garbage], log)
gc.set_debug(0)
gc.garbage.clear()
print(gc.collect(), log)
