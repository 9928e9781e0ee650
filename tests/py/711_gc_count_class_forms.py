# gc.get_count deltas: class statements (plain, metaclass, slots, decorated), property, super(), closures, genexp
import gc
class Meta(type):
    pass
def deco(c):
    return c
gc.collect()
gc.disable()
out = []
def mark():
    out.append(gc.get_count()[0])
mark()
class A:
    pass
mark()
class B(metaclass=Meta):
    pass
mark()
class S:
    __slots__ = ("a", "b")
mark()
@deco
class Dc:
    def m(self):
        return super()
mark()
p = property(lambda s: 1)
mark()
sp = Dc().m()
mark()
t = tuple(x for x in range(3))
mark()
l = [x for x in range(3)]
mark()
d = {k: k for k in range(3)}
mark()
def outer():
    v = 1
    def inner():
        return v
    return inner
f = outer()
mark()
gc.enable()
print([b - a for a, b in zip(out, out[1:])])
