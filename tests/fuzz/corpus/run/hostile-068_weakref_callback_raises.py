import weakref
class T:
    pass
def cb(r):
    raise KeyError("from callback")
t = T()
w = weakref.ref(t, cb)
del t
print("still running", w() is None)
