# gc.is_tracked and gc.get_referents of exceptions, tracebacks, dict views and iterators, weakrefs, instances, builtin iterators, groups
import gc, sys, weakref
def names(o):
    return sorted(type(r).__name__ for r in gc.get_referents(o))
class C:
    pass
try:
    raise ValueError("x")
except ValueError as e:
    err = e
d = {"a": 1}
c = C()
objs = [("exception", err), ("traceback", err.__traceback__), ("keys", d.keys()), ("items", d.items()),
        ("values", d.values()), ("dict_keyiter", iter(d)), ("weakref", weakref.ref(c)), ("instance", c),
        ("instance_dict", vars(c)), ("set_iter", iter({1})), ("tuple_iter", iter((1,))), ("reversed", reversed([1])),
        ("filter", filter(None, [1])), ("callable_iter", iter(int, 1)), ("str_iter", iter("ab")),
        ("bytes_iter", iter(b"a")), ("bytearray", bytearray(b"a")), ("frozenset", frozenset([(1,)])),
        ("class", C), ("bound_builtin", "a".upper), ("property_obj", property()), ("exc_group", ExceptionGroup("g", [err]))]
for label, o in objs:
    print(label, gc.is_tracked(o), names(o) if label != "class" else len(names(o)))
