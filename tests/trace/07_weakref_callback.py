import gc, weakref
class Box:
    pass
b = Box()
b.self = b
r = weakref.ref(b, lambda ref: print("callback"))
del b
print(gc.collect())
print(r() is None)
