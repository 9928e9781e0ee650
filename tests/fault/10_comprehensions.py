# comprehensions, builtins over iterables, sorting with keys
pairs = [(x, y) for x in range(4) for y in range(x)]
print(pairs)
table = {k: [v for v in range(k)] for k in range(4)}
print(table, {len(v) for v in table.values()})
people = [("ann", 31), ("bob", 25), ("cy", 31), ("di", 19)]
print(sorted(people, key=lambda p: (-p[1], p[0])))
print(list(map(str.upper, ["a", "b"])), list(filter(None, [0, 1, "", "x"])))
print(list(enumerate(zip("ab", "cd"), 1)), any(x > 3 for x in range(5)), max(people)[0])
