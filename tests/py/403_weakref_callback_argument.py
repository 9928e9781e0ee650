# a weakref callback receives the (now dead) weakref itself; callbacks of one object run newest first
import weakref
log = []
class T:
    pass
def make_cb(name):
    def cb(r):
        log.append((name, r is refs.get(name), r()))
    return cb
refs = {}
t = T()
for name in ("first", "second", "third"):
    refs[name] = weakref.ref(t, make_cb(name))
plain = weakref.ref(t)
del t
print(log)
print(plain(), [refs[n]() for n in ("first", "second", "third")])
log.clear()
u = T()
keep = weakref.ref(u, make_cb("kept"))
refs["kept"] = keep
lost = weakref.ref(u, make_cb("lost"))
del lost
del u
print(log)
