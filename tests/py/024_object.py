# object(): bare instances, identity, attributes cannot be set
o = object()
p = object()
print(type(o).__name__, o is o, o is p, o == o, o == p, o != p)
print(isinstance(o, object), isinstance(5, object), isinstance(object, object))
print(hash(o) == hash(o), hash(o) == hash(p))
try:
    o.x = 1
except AttributeError as e:
    print(type(e).__name__, e)
try:
    o.x
except AttributeError as e:
    print(type(e).__name__, e)
try:
    object(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    vars(o)
except TypeError as e:
    print(type(e).__name__, e)
class Sub(object):
    pass
s = Sub()
s.x = 1
print(s.x, type(s).__name__, isinstance(s, object))
sentinel = object()
d = {"k": None}
print(d.get("k", sentinel) is sentinel, d.get("j", sentinel) is sentinel)
print([o] == [o], (o,) == (p,), o in [p, o], o in [p])
