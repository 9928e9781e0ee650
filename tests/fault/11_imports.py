# imports of the built-in modules and their attributes
import sys
import gc as collector
from weakref import ref, WeakValueDictionary
import _weakref
print(sys.version_info[:2], "gc" in sys.modules, collector.get_threshold())
class K:
    pass
k = K()
wd = WeakValueDictionary()
wd["k"] = k
print(len(wd), ref(k)() is k)
del k
print(len(wd), [m in sys.modules for m in ("gc", "weakref", "_weakref")])
