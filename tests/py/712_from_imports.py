# from-imports of gc/sys/weakref names: bound objects identical to the module attributes, refcounts, errors
from gc import collect, get_referents, is_tracked
from sys import getrefcount, getsizeof
from weakref import ref, WeakValueDictionary
import gc, sys, weakref
print(collect is gc.collect, getrefcount is sys.getrefcount, ref is weakref.ref, WeakValueDictionary is weakref.WeakValueDictionary)
collect()
class A:
    pass
a = A()
r = ref(a)
print(r() is a, getrefcount(a), is_tracked(a), getsizeof(()) == sys.getsizeof(()))
del a
print(r())
def local_import():
    from gc import get_count
    return type(get_count()).__name__
print(local_import(), "get_count" in globals())
