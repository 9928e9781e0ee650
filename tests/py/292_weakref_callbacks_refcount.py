# callbacks on refcount death: run after the object is gone, newest registered first
import weakref
class A:
    pass
log = []
def make_cb(tag):
    def cb(ref):
        log.append((tag, ref() is None))
    return cb
a = A()
refs = [weakref.ref(a, make_cb(i)) for i in range(4)]
plain = weakref.ref(a)
del a
print(log)
log.clear()
b = A()
only = weakref.ref(b, make_cb("only"))
del b
print(log)
log.clear()
c = A()
rc = weakref.ref(c, make_cb("dropped before death"))
del rc
del c
print("a weakref that died first never calls back:", log)
d = A()
def cb_receives(ref):
    log.append(ref is rd)
rd = weakref.ref(d, cb_receives)
del d
print("callback receives the weakref itself:", log)
