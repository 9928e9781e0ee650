# refcounts and referents of classes, methods, properties and descriptors; class creation cycles
import gc, sys
class A:
    x = 1
    def m(self):
        return self
    @property
    def p(self):
        return 1
print(sys.getrefcount(A), gc.is_tracked(A))
names = sorted(type(r).__name__ for r in gc.get_referents(A))
print(names)
a = A()
print(sys.getrefcount(A))
bm = a.m
print(bm.__self__ is a, bm.__func__ is A.m, sys.getrefcount(a))
del bm
print(sys.getrefcount(a))
print(type(A.__dict__).__name__, sorted(k for k in A.__dict__ if not k.startswith("__")))
print(A.__dict__["p"].fget.__qualname__, A.m.__qualname__)
class B(A):
    pass
print(sys.getrefcount(A), A.__subclasses__() == [B], B.__base__ is A)
del B
gc.collect()
print(A.__subclasses__())
def f():
    class Local:
        pass
    return Local
L1, L2 = f(), f()
print(L1 is L2, L1.__qualname__, L1.__name__)
