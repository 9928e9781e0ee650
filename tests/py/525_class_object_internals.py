# class objects: referents, vars() mappingproxy, refcounts, mro, descriptors found in the class dict, referrers
import sys
import gc
class A:
    x = 1
    def m(self):
        pass
class B(A):
    pass
class E(Exception):
    code = 5
class S:
    __slots__ = ("a",)
for C in (A, B, E, S):
    refs = gc.get_referents(C)
    print(C.__name__, [type(o).__name__ for o in refs], sys.getsizeof(vars(C)), sorted([k for k in vars(C) if not k.startswith("__") or k in ("__slots__", "__weakref__", "__dict__")]))
print(sys.getrefcount(A), sys.getrefcount(B), sys.getrefcount(E), sys.getrefcount(S))
print(A.__mro__ == (A, object), B.__base__ is A, E.__mro__[1] is Exception, len(E.__mro__))
print(type(vars(A)["m"]).__name__, type(A.m).__name__, type(A().m).__name__, type(vars(S)["a"]).__name__)
print(sorted([type(o).__name__ for o in gc.get_referrers(A)]))
