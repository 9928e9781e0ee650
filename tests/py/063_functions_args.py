# positional, default, keyword arguments and *args
def f(a, b=2, c=3):
    return (a, b, c)
print(f(1), f(1, 5), f(1, c=9), f(a=0), f(c=1, b=2, a=3), f(*[7, 8]), f(*(1,), c=4))
def g(*args):
    return args
print(g(), g(1), g(1, 2, 3), g(*"ab"), g(*[], *[1], 2), type(g()).__name__)
def h(first, *rest):
    return first, rest
print(h(1), h(1, 2, 3))
def mutable_default(x, acc=[]):
    acc.append(x)
    return acc
print(mutable_default(1), mutable_default(2), mutable_default(3, []), mutable_default(4))
def none_default(x, acc=None):
    if acc is None:
        acc = []
    acc.append(x)
    return acc
print(none_default(1), none_default(2))
def no_return():
    x = 1
print(no_return(), (lambda: None)(), (lambda x, y=1: x + y)(1), (lambda *a: len(a))(1, 2))
def early(n):
    if n < 0:
        return "negative"
    return
print(early(-1), early(1))
def multi():
    return 1, "two", [3]
a, b, c = multi()
print(a, b, c, multi())
print(f.__name__, (lambda: 0).__name__, g.__name__)
def show(fn):
    try:
        print(fn())
    except TypeError as e:
        print(type(e).__name__, e)
show(lambda: f())
show(lambda: f(1, 2, 3, 4))
show(lambda: f(1, d=4))
show(lambda: f(1, a=1))
show(lambda: h())
show(lambda: f(*5))
def two(a, b):
    return a + b
show(lambda: two(1))
show(lambda: two(b=1))
