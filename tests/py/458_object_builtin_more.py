# object(): no attributes, no __dict__, identity equality, default str/repr shape, hashing
o = object()
p = object()
print(o == o, o == p, o != p, o is not p, hash(o) == hash(o), type(o).__name__, isinstance(o, object))
print(repr(o).startswith("<object object at 0x"), str(o) == repr(o), not o)
try:
    o.attr = 1
except AttributeError as e:
    print(type(e).__name__, e)
try:
    vars(o)
except TypeError as e:
    print(type(e).__name__, e)
try:
    object(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    o < p
except TypeError as e:
    print(type(e).__name__, e)
print(isinstance(5, object), isinstance(None, object), isinstance(object, object), type(object).__name__)
class C:
    pass
print(repr(C()).startswith("<__main__.C object at 0x"), C.__name__, C.__qualname__, C.__module__, C.__bases__ == (object,))
print(len(set([object(), object()])), o in [p, o], o in {o: 1})
