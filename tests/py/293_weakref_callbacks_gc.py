# callbacks for objects freed by the collector: run during the collection, before __del__
import gc
import weakref
gc.collect()
log = []
class A:
    def __init__(self, name):
        self.name = name
class WithDel(A):
    def __del__(self):
        log.append("__del__ " + self.name)
def cb_for(name):
    return lambda ref: log.append("callback " + name)
a = A("a")
b = A("b")
a.b = b
b.a = a
ra = weakref.ref(a, cb_for("a"))
rb = weakref.ref(b, cb_for("b"))
del a, b
log.append("collect returned %d" % gc.collect())
print(log)
log.clear()
w = WithDel("w")
w.me = w
rw = weakref.ref(w, cb_for("w"))
del w
log.append("collect returned %d" % gc.collect())
print(log)
log.clear()
x = WithDel("x")
rx = weakref.ref(x, cb_for("x"))
del x
print("refcount death: __del__ first:", log)
