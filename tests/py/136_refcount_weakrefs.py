# weak references, proxies and finalize never add a strong reference to the referent
import sys
import weakref
class C:
    pass
o = C()
base = sys.getrefcount(o)
r = weakref.ref(o)
r2 = weakref.ref(o, lambda x: None)
p = weakref.proxy(o)
fin = weakref.finalize(o, print, "finalized")
print("delta with ref, callback ref, proxy, finalize:", sys.getrefcount(o) - base)
deref = r()
print("dereferenced into a name:", sys.getrefcount(o) - base)
del deref
print("weakref objects' own refcounts:", sys.getrefcount(r), sys.getrefcount(r2))
d = weakref.WeakValueDictionary()
d["k"] = o
print("in a WeakValueDictionary:", sys.getrefcount(o) - base)
del o
print("after del: ref ->", r(), "dict ->", len(d), "finalize alive ->", fin.alive)
