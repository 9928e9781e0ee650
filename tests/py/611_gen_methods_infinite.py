# generators as methods, infinite generators with zip/enumerate/map, iter(callable, sentinel)-like loops
class Counter:
    def __init__(self, start):
        self.start = start
    def up(self, n):
        i = self.start
        while n:
            yield i
            i += 1
            n -= 1
    def __iter__(self):
        yield from self.up(3)
c = Counter(5)
print(list(c.up(4)), list(c), sorted(c, reverse=True))
def take(n, it):
    for _, v in zip(range(n), it):
        yield v
def naturals():
    n = 0
    while True:
        yield n
        n += 1
print(list(zip("abc", naturals())))
print(list(enumerate(x * x for x in range(3))))
nat = naturals()
print(list(map(lambda a, b: a + b, take(3, nat), nat)), next(nat))
evens = filter(lambda v: v % 2 == 0, naturals())
print([next(evens) for _ in range(4)])
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(12)])
print(dict(zip(naturals(), "xyz")))
print(list(take(5, fib())))
print(list(reversed(list(take(3, naturals())))))
a, b, *rest = take(5, naturals())
print(a, b, rest)
print(*take(3, fib()), sep="|")
x, y = (v for v in "xy")
print(x, y)
