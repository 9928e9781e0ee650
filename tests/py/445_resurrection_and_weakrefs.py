# a resurrected object: after refcount death its weakrefs stay valid; after gc the weakrefs are already cleared
import gc
import weakref
gc.collect()
saved = []
class R:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        saved.append(self)
a = R("a")
ra = weakref.ref(a)
del a
print("refcount path: resurrected", len(saved), "weakref alive:", ra() is not None)
b = R("b")
b.me = b
rb = weakref.ref(b)
del b
print("collect:", gc.collect())
print("gc path: resurrected", len(saved), "weakref alive:", rb() is not None, weakref.getweakrefcount(saved[1]))
rb2 = weakref.ref(saved[1])
print("new weakref works:", rb2() is saved[1])
saved.clear()
print("final:", ra() is None, rb() is None, rb2() is None)
print("collect:", gc.collect(), rb2() is None)
