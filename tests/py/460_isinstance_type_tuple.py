# isinstance with tuples and subclasses, bool is an int, type() of values and type(type)
class A:
    pass
class B(A):
    pass
b = B()
print(isinstance(b, A), isinstance(b, B), isinstance(A(), B), isinstance(b, (int, A)), isinstance(b, ()))
print(isinstance(True, int), isinstance(1, type(1 == 1)), isinstance(1, (float, (str, int))), isinstance(1.0, int))
print(type(b) is B, type(b) == A, type(1 == 1).__name__, type(type).__name__, type(None).__name__, type(...).__name__)
print([type(v).__name__ for v in (1, 1.0, "s", b"b", [], (), {}, set(), frozenset(), range(1), len, A, print)])
print(isinstance(A, type), isinstance(int, type), isinstance(int, object), type(A).__name__)
print(isinstance(ValueError(), Exception), isinstance(KeyError(), LookupError), isinstance(StopIteration(), Exception))
try:
    isinstance(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    isinstance(1, (int, 5))
except TypeError as e:
    print(type(e).__name__, e)
print(type(1)(5), type("x")(7), type([])("ab"), type(b)().__class__.__name__)
