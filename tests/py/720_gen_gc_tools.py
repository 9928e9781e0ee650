# generators and gc/weakref tools: get_objects(gen), weakref.finalize on a generator (now and at exit), WeakSet, freeze, genexp cycles
import gc, weakref
gc.collect()
def g(x):
    yield x
a = g([1])
print(any(o is a for o in gc.get_objects()), any(o is a for o in gc.get_objects(0)), any(o is a for o in gc.get_objects(2)))
gc.collect()
print(any(o is a for o in gc.get_objects(2)))
next(a)
fin = weakref.finalize(a, print, "generator finalized")
print(fin.alive)
del a
print(fin.alive)
b = g(1)
ws = weakref.WeakSet([b])
print(len(ws))
del b
print(len(ws))
gc.freeze()
c = g(2)
print(gc.get_freeze_count() > 0, any(o is c for o in gc.get_objects(0)))
gc.unfreeze()
def cyc():
    l = []
    gen = (x for x in l)
    l.append(gen)
    return weakref.ref(gen)
w = cyc()
print(w() is not None, gc.collect(), w() is None)
e = g(3)
fe = weakref.finalize(e, print, "at exit")
print("end")
