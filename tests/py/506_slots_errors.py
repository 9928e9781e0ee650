# __slots__ validation: names must be identifiers, no clash with class variables, __dict__/__weakref__ once
def attempt(label, make):
    try:
        cls = make()
        print(label, "ok", cls.__name__)
    except (TypeError, ValueError) as e:
        print(label, type(e).__name__, e)
def bad_name():
    class A:
        __slots__ = ("1x",)
    return A
def clash():
    class B:
        __slots__ = ("x",)
        x = 5
    return B
def two_dicts():
    class C:
        __slots__ = ("__dict__", "__dict__")
    return C
def two_weakrefs():
    class D:
        __slots__ = ("__weakref__", "__weakref__")
    return D
def not_str():
    class E:
        __slots__ = (5,)
    return E
def single_string():
    class F:
        __slots__ = "only"
    return F
def int_sub():
    class G(int):
        __slots__ = ("extra",)
    return G
def tuple_sub():
    class H(tuple):
        __slots__ = ("extra",)
    return H
def empty_ok():
    class I(int):
        __slots__ = ()
    return I
def dict_twice_inherited():
    class J:
        pass
    class K(J):
        __slots__ = ("__dict__",)
    return K
for label, make in (("bad name", bad_name), ("clash", clash), ("two __dict__", two_dicts),
                    ("two __weakref__", two_weakrefs), ("not a str", not_str), ("single string", single_string),
                    ("int subclass", int_sub), ("tuple subclass", tuple_sub), ("empty on int", empty_ok),
                    ("__dict__ already inherited", dict_twice_inherited)):
    attempt(label, make)
f = single_string()()
f.only = 1
print(f.only, hasattr(f, "__dict__"))
