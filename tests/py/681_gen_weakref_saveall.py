# weak references to generators, callbacks when a cyclic generator is collected, DEBUG_SAVEALL with generators
import gc, weakref
gc.collect()
def g(box):
    yield box
    yield 2
box = []
gen = g(box)
next(gen)
box.append(gen)
w = weakref.ref(gen, lambda r: print("callback, referent gone:", r() is None))
print(weakref.getweakrefcount(gen), w() is gen)
del gen, box
print("before collect", w() is not None)
gc.collect()
print("after collect", w() is None)
gc.set_debug(gc.DEBUG_SAVEALL)
gen2 = g([])
next(gen2)
gen2.gi_frame.f_locals["box"].append(gen2)
del gen2
box3 = []
gen3 = g(box3)
box3.append(gen3)
del gen3, box3
gc.collect()
print(sorted(type(o).__name__ for o in gc.garbage))
gens = [o for o in gc.garbage if type(o).__name__ == "generator"]
print(len(gens), gens[0].gi_frame is not None if gens else None)
gc.set_debug(0)
for o in gens:
    o.close()
gc.garbage.clear()
del gens
gc.collect()
print(gc.garbage)
