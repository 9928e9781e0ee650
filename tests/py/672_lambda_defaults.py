# lambdas: default values evaluated once, mutable defaults, __defaults__, keyword-only and *args in lambdas
import sys
counter = [0]
def next_id():
    counter[0] += 1
    return counter[0]
f = lambda x, i=next_id(): (x, i)
print(f(1), f(2), counter, f.__defaults__, f.__name__)
def append_to(v, acc=[]):
    acc.append(v)
    return acc
print(append_to(1), append_to(2), append_to.__defaults__)
g = lambda *a, sep="-", **kw: sep.join(map(str, a)) + str(sorted(kw))
print(g(1, 2, 3), g(1, sep="+", z=1), g.__kwdefaults__)
h = lambda a, /, b, *, c=3: (a, b, c)
print(h(1, 2), h(1, b=5, c=6))
try:
    h(a=1, b=2)
except TypeError as e:
    print("TypeError:", e)
default = object()
k = lambda v=default: v is default
print(k(), k(1), sys.getrefcount(default))
del k
print(sys.getrefcount(default))
compose = lambda f, g: lambda x: f(g(x))
inc_then_double = compose(lambda x: x * 2, lambda x: x + 1)
print(inc_then_double(5), (lambda: (yield))().__class__.__name__)
ops = {"add": lambda a, b: a + b, "sub": lambda a, b: a - b}
print(sorted((n, fn(7, 3)) for n, fn in ops.items()))
f.__defaults__ = (99,)
print(f(0))
