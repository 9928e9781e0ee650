# subclasses of builtin types: instance sizes, tracking, attributes in a dict, referents (dict, type, items)
import sys
import gc
class I(int):
    pass
class T(tuple):
    pass
class D(dict):
    pass
class L(list):
    pass
class St(set):
    pass
class F(float):
    pass
class B(bytes):
    pass
class E(Exception):
    pass
class O:
    pass
objs = [I(5), I(10 ** 30), T((1, 2)), T(), D(a=1), L([1, 2, 3]), St([1]), F(1.5), B(b"xy"), E("m"), O()]
print([sys.getsizeof(o) for o in objs])
print([gc.is_tracked(o) for o in objs])
for o in objs:
    o.attr = 1
print([sys.getsizeof(o) for o in objs])
print([len(gc.get_referents(o)) for o in objs])
print([type(o).__name__ for o in gc.get_referents(objs[4])], [type(o).__name__ for o in gc.get_referents(objs[6])])
print(sys.getsizeof(vars(objs[0])), sys.getsizeof(vars(objs[9])), sys.getsizeof(vars(objs[10])))
