# lambdas and functions as values: sort keys, dispatch tables, recursion via names
ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b}
print([ops[k](6, 3) for k in sorted(ops)])
people = [("bob", 25), ("alice", 30), ("carol", 25)]
print(sorted(people, key=lambda p: (p[1], p[0])), min(people, key=lambda p: p[1]))
def apply_n(f, n, x):
    for _ in range(n):
        x = f(x)
    return x
print(apply_n(lambda v: v * 2, 10, 1), apply_n(lambda s: s + "!", 3, "hi"))
fact = lambda n: 1 if n <= 1 else n * fact(n - 1)
print(fact(20))
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print([fib(i) for i in range(15)])
def make_ops():
    table = []
    for name in ("double", "square", "negate"):
        if name == "double":
            table.append((name, lambda v: v * 2))
        elif name == "square":
            table.append((name, lambda v: v * v))
        else:
            table.append((name, lambda v: -v))
    return table
for name, fn in make_ops():
    print(name, fn(7), fn.__name__)
print((lambda: (lambda: "nested")())(), list(map(lambda t: t[0], [(1, 2), (3, 4)])))
print(type(fact).__name__, type(fib).__name__)
