# DEBUG_SAVEALL: what lands in gc.garbage for each kind of cycle (inline instance values vs materialised dicts)
import gc
gc.collect()
class I:
    pass
def saved():
    n = gc.collect()
    kinds = sorted([type(o).__name__ for o in gc.garbage])
    gc.set_debug(0)
    gc.garbage.clear()
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    return n, kinds
gc.set_debug(gc.DEBUG_SAVEALL)
l = []
l.append(l)
del l
print("list:", saved())
d = {}
d["self"] = d
del d
print("dict:", saved())
a = I()
a.me = a
del a
print("inline values:", saved())
b = I()
b.me = b
vars(b)
del b
print("materialised dict:", saved())
def mk():
    def inner():
        return inner
    return inner
g = mk()
del g
print("closure:", saved())
t = ([],)
t[0].append(t)
del t
print("tuple+list:", saved())
c = I()
c.m = c.__init__
del c
print("bound method:", saved())
gc.set_debug(0)
print(gc.collect(), gc.garbage, gc.get_debug())
