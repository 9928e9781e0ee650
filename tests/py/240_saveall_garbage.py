# DEBUG_SAVEALL: unreachable objects go to gc.garbage instead of being freed
import gc
gc.collect()
class A:
    pass
gc.set_debug(gc.DEBUG_SAVEALL)
a = A()
a.me = a
l = []
l.append(l)
d = {}
d["d"] = d
del a, l, d
n = gc.collect()
gc.set_debug(0)
print("collected:", n, "garbage:", sorted([type(o).__name__ for o in gc.garbage]))
saved = [o for o in gc.garbage if type(o) is list]
print("the saved list is intact:", saved[0][0] is saved[0])
del saved
gc.garbage.clear()
print("after clearing gc.garbage:", gc.collect())
x = A()
x.me = x
del x
gc.set_debug(gc.DEBUG_SAVEALL)
print("refcount-freed objects never reach gc.garbage:", end=" ")
y = A()
del y
print(len(gc.garbage))
gc.set_debug(0)
print(gc.collect(), len(gc.garbage))
gc.garbage.clear()
gc.collect()
