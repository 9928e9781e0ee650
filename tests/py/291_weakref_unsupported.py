# which objects support weak references
import weakref
class Plain:
    pass
class Slots:
    __slots__ = ("a",)
class SlotsWeak:
    __slots__ = ("a", "__weakref__")
class MyList(list):
    pass
def f():
    pass
cases = [("int", 1), ("str", "s"), ("tuple", (1,)), ("list", []), ("dict", {}), ("set", set()),
         ("frozenset", frozenset()), ("bytes", b""), ("None", None), ("float", 1.5),
         ("object()", object()), ("instance", Plain()), ("slots", Slots()),
         ("slots+__weakref__", SlotsWeak()), ("list subclass", MyList()), ("function", f),
         ("lambda", lambda: 0), ("class", Plain), ("builtin function", len), ("type", int)]
for name, obj in cases:
    try:
        weakref.ref(obj)
        print(f"{name:18} ok")
    except TypeError as e:
        print(f"{name:18} {type(e).__name__}: {e}")
