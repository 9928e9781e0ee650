# an uncaught exception at the end: traceback first, then weakref.finalize (atexit), then __del__ of globals and cycles
import weakref
import gc
gc.collect()
class D:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n)
a = D("a")
f = weakref.finalize(a, print, "finalize runs after the traceback")
c = D("cycle")
c.me = c
def fail():
    raise KeyError("end")
fail()
