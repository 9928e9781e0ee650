# metaclass lifetime stress: metaclasses made in functions, classes outliving them, cycles, weakrefs, exit
import gc, sys, weakref
gc.collect()
def factory(i):
    class M(type):
        def ident(cls):
            return "%s/%d" % (cls.__name__, i)
    class C(metaclass=M):
        pass
    return C
classes = [factory(i) for i in range(5)]
metas = [weakref.ref(type(c)) for c in classes]
print([c.ident() for c in classes], all(m() is not None for m in metas))
print([sys.getrefcount(type(c)) for c in classes[:1]])
del classes[1:3]
gc.collect()
print([m() is None for m in metas])
inst = [c() for c in classes]
del classes
gc.collect()
print([m() is None for m in metas], [type(type(o)).__name__ for o in inst])
del inst
gc.collect()
print([m() is None for m in metas])
for i in range(30):
    M = type("M%d" % i, (type,), {})
    C = M("C%d" % i, (), {})
    C.cycle = C
    M.cycle = M
del M, C
print(gc.collect() > 0)
class MetaD(type):
    def __del__(cls):
        print("class finalized:", cls.__name__)
def make_and_drop():
    X = MetaD("X", (), {})
    X.self = X
make_and_drop()
gc.collect()
class Survivor(metaclass=MetaD):
    pass
kept = Survivor()
print("end")
