# classes with a Python metaclass in gc: referents/referrers, cycles through the metaclass, __del__
import gc, sys, weakref
gc.collect()
class Meta(type):
    instances = []
    def __call__(cls, *a):
        obj = super().__call__(*a)
        Meta.instances.append(weakref.ref(obj))
        return obj
class A(metaclass=Meta):
    def __del__(self):
        print("A.__del__")
print(any(r is Meta for r in gc.get_referents(A)), gc.is_tracked(A))
print(any(r is A for r in gc.get_referrers(Meta)))
a = A()
print(len(Meta.instances), Meta.instances[0]() is a)
del a
print(Meta.instances[0]() is None)
def make():
    M = type("M", (type,), {})
    C = M("C", (), {"__del__": lambda self: print("C.__del__")})
    C.meta = M
    M.made = C
    return weakref.ref(M), weakref.ref(C), C()
wm, wc, inst = make()
print(wm() is not None, wc() is not None, type(type(inst)).__name__)
del inst
print(wm() is not None, gc.collect() > 0, wm() is None, wc() is None)
class Meta2(type):
    def __del__(cls):
        print("Meta2 instance dies:", cls.__name__)
X = Meta2("X", (), {})
del X
gc.collect()
print("done")
