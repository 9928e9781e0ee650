# since 3.4 cycles with __del__ are collected: gc.garbage stays empty without DEBUG_SAVEALL
import gc
gc.collect()
class F:
    def __del__(self):
        print("del", self.name)
a = F()
a.name = "a"
b = F()
b.name = "b"
a.other = b
b.other = a
del a, b
print("collected:", gc.collect(), "garbage:", gc.garbage)
gc.set_debug(gc.DEBUG_UNCOLLECTABLE)
c = F()
c.name = "c"
c.me = c
del c
print("collected:", gc.collect(), "garbage:", len(gc.garbage))
gc.set_debug(0)
print(type(gc.garbage).__name__, gc.garbage is gc.garbage)
gc.garbage.append("user item")
print(gc.collect(), gc.garbage)
gc.garbage.clear()
