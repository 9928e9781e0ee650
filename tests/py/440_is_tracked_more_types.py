# gc.is_tracked for more object kinds: untracked atoms, always-tracked containers, lazily tracked dicts
import gc
class C:
    def m(self):
        pass
def f():
    pass
def outer():
    v = []
    def inner():
        return v
    return inner
objs = [("int", 5), ("big int", 10 ** 50), ("str", "s"), ("bytes", b"b"), ("float", 1.5), ("None", None),
        ("range", range(3)), ("bytearray", bytearray(b"x")), ("set", set()), ("frozenset", frozenset()),
        ("frozenset of ints", frozenset([1, 2])), ("empty dict", {}), ("dict of ints", {1: 2}),
        ("dict with list", {1: []}), ("dict str->str", {"a": "b"}), ("list", []), ("tuple", ()),
        ("function", f), ("lambda", lambda: 0), ("class", C), ("instance", C()), ("bound method", C().m),
        ("closure cell", outer().__closure__[0]), ("builtin", len), ("exception", ValueError()),
        ("list iterator", iter([])), ("range iterator", iter(range(2))), ("type", int), ("object()", object())]
for name, o in objs:
    print(name, gc.is_tracked(o))
d = {}
print("dict before/after a container value:", gc.is_tracked(d), end=" ")
d["k"] = [1]
print(gc.is_tracked(d))
u = (1, [2])
print("tuples:", gc.is_tracked(u))
