# weakref.finalize on objects in reference cycles: runs during gc.collect, once, with its arguments
import gc
import weakref
gc.collect()
class Node:
    def __init__(self, name):
        self.name = name
def gone(name, log):
    log.append(name)
log = []
a = Node("a")
b = Node("b")
a.peer = b
b.peer = a
fa = weakref.finalize(a, gone, "a", log)
fb = weakref.finalize(b, gone, "b", log)
del a, b
print("before collect:", log, fa.alive, fb.alive)
print("collect:", gc.collect())
print("after collect:", sorted(log), fa.alive, fb.alive)
c = Node("c")
c.me = c
fc = weakref.finalize(c, gone, "c", log)
print(fc(), fc(), log[-1:], fc.alive)
del c
print("collect:", gc.collect(), log)
