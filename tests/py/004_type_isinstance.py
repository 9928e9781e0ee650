# type() and isinstance() with builtin types, classes and tuples of types
for v in (1, 1.5, "s", b"b", bytearray(b"x"), [], (), {}, set(), frozenset(), None, True,
          range(1), len, object()):
    print(type(v), type(v).__name__)
class A:
    pass
class B(A):
    pass
b = B()
print(type(b) is B, type(b) is A, type(b).__name__, type(B).__name__, type(type))
print(isinstance(b, B), isinstance(b, A), isinstance(b, object), isinstance(A(), B))
print(isinstance(True, int), isinstance(1, type(True)), isinstance(1, (str, int)))
print(isinstance(1.0, int), isinstance("x", (list, tuple)), isinstance([], (list, tuple)))
print(isinstance(None, object), isinstance(int, type), isinstance(A, type))
print(isinstance(ValueError("x"), Exception), isinstance(KeyError(), LookupError))
print(type(1) == int, type(True) == int, type("") is str)
for bad in (2, "int", [int]):
    try:
        isinstance(1, bad)
    except TypeError as e:
        print(type(e).__name__, e)
print(type(A.__name__), A.__name__, B.__name__)
