# sys.getsizeof of ranges, functions, closures, classes, instances and methods
import sys
g = sys.getsizeof
print(g(range(0)), g(range(5)), g(range(-10**20, 10**20)), g(iter(range(5))))
def f(a, b=1, *c):
    return a
def outer():
    v = 1
    def inner():
        return v
    return inner
print(g(f), g(outer()), g(lambda: 1))
class A:
    pass
class B(A):
    x = 1
    def m(self):
        pass
class S:
    __slots__ = ()
print(g(A) == g(B), g(A) > 800, g(S) == g(A))
print(g(A()), g(B()), g(S()), g(object()))
b = B()
print(g(b.m), g(B.m))
print(g(len), g(print), g([].append), g("".join))
print(g(Exception()), g(ValueError("x", "y")), g(KeyError()))
print(g(zip([1], [2])), g(map(str, [])), g(filter(None, [])), g(reversed([1])), g(enumerate("ab")))
