# closures in practice: memoizing decorator with a cache cell, accumulators with nonlocal, dict of lambdas with default capture
import sys
def make_multiplier_table():
    return {n: (lambda x, n=n: x * n) for n in range(1, 4)}
t = make_multiplier_table()
print({k: f(10) for k, f in t.items()})
def memo(fn):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    wrapper.cache = cache
    return wrapper
@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), len(fib.cache), fib.__closure__[0].cell_contents is fib.cache if fib.__closure__[0].cell_contents is fib.cache else [type(c.cell_contents).__name__ for c in fib.__closure__])
def accumulate():
    total = 0
    def add(v):
        nonlocal total
        total += v
        return total
    return add
acc = accumulate()
print([acc(i) for i in range(5)])
def outer():
    x = []
    def a():
        x.append("a")
    def b():
        x.append("b")
        return x
    return a, b
fa, fb = outer()
fa(); fa()
print(fb(), fa.__closure__[0] is fb.__closure__[0], sys.getrefcount(fa.__closure__[0]))
