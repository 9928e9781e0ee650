# at exit: weakref.finalize callbacks run (newest first); a plain weakref callback does not, because
# the module namespace, the weakref and its referent all die together as cyclic garbage
import weakref
import gc
gc.collect()
class A:
    def __init__(self, name):
        self.name = name
def cb(r):
    print("weakref callback at exit")
a = A("a")
r = weakref.ref(a, cb)
b = A("b")
fin = weakref.finalize(b, print, "finalize b at exit")
c = A("c")
fin_c = weakref.finalize(c, print, "finalize c (registered later, runs first)")
print("end of script")
