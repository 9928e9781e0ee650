# gc.is_tracked right after creation, for every kind of value
import gc
gc.collect()
class Plain:
    pass
class Slots:
    __slots__ = ("a",)
class NoSlots:
    __slots__ = ()
def func():
    pass
a = 1
cases = [
    ("int", 5), ("big int", 10**30), ("float", 2.5), ("str", "s"), ("bytes", b"b"),
    ("bytearray", bytearray(3)), ("None", None), ("True", True), ("object()", object()),
    ("range", range(3)), ("list", []), ("list of ints", [1, 2]), ("tuple ()", ()),
    ("built tuple", (a, 2)), ("tuple of list", ([],)), ("dict {}", {}), ("dict atomic", {a: "x"}),
    ("dict with list", {a: []}), ("dict with tuple", {a: (a, a)}), ("set()", set()),
    ("set of ints", {a, 2}), ("frozenset()", frozenset()), ("frozenset of ints", frozenset([a])),
    ("class", Plain), ("instance", Plain()), ("slots instance", Slots()), ("empty slots", NoSlots()),
    ("function", func), ("lambda", lambda: 0), ("method wrapper", Slots().__init__),
    ("exception", ValueError("x")), ("builtin function", len), ("type int", int),
    ("list iterator", iter([])), ("enumerate", enumerate([])), ("zip", zip()), ("map", map(abs, [])),
]
for name, v in cases:
    print(f"{name:18} {gc.is_tracked(v)}")
