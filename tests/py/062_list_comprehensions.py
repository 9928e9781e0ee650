# list, set and dict comprehensions: filters, nesting, scoping
print([x * x for x in range(6)], [x for x in range(20) if x % 3 == 0 if x % 2])
print([(x, y) for x in range(3) for y in range(x)], [[y for y in range(x)] for x in range(4)])
print({x % 3 for x in range(10)}, {x: x ** 2 for x in range(5)}, {v: k for k, v in {"a": 1, "b": 2}.items()})
print([c.upper() for c in "hey" if c != "e"], [len(w) for w in "one three five".split()])
print([i if i % 2 else -i for i in range(6)], [a + b for a, b in zip([1, 2], [10, 20])])
x = "outer"
res = [x for x in range(3)]
print(x, res)
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)], [v for row in matrix for v in row])
n = 10
print([n * i for i in range(3)], {i: [j for j in range(i)] for i in range(3)})
fs = [lambda: i for i in range(3)]
print([f() for f in fs])
fs2 = [lambda i=i: i for i in range(3)]
print([f() for f in fs2])
print(sorted({w[0] for w in ["apple", "avocado", "banana", "cherry"]}))
print([(i, c) for i, c in enumerate("ab")], {k: v for k, v in [("x", 1), ("x", 2)]})
try:
    [undefined_thing for _ in range(1)]
except NameError as e:
    print(type(e).__name__, e)
print([y for y in []], {y for y in ""}, {k: 0 for k in ()})
