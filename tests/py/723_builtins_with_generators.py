# builtins consuming generators: any/sum start/zip strict/enumerate start/map/filter/dict/set, iter(callable, sentinel), errors
g = (i for i in range(5))
print(any(x > 1 for x in g), list(g))
print(sum((x for x in range(4)), 10), sum([[1], [2]], []), sum((0.1 for _ in range(10))), sum(range(5), start=1))
print(list(zip("ab", range(5))), list(enumerate("xy", start=5)), list(enumerate("xy", 1)))
try:
    list(zip("ab", range(5), strict=True))
except ValueError as e:
    print("ValueError:", e)
try:
    list(zip(range(5), "ab", strict=True))
except ValueError as e:
    print("ValueError:", e)
print(list(map(pow, [2, 3], [3, 2])), list(map(str, (x for x in [1]))), list(filter(None, (0, 1, "", "a"))))
print(dict((str(i), i) for i in range(2)), set(x % 2 for x in range(9)), frozenset(x for x in "aab") == frozenset("ab"))
try:
    dict(x for x in [(1, 2, 3)])
except ValueError as e:
    print("ValueError:", e)
try:
    dict([1])
except TypeError as e:
    print("TypeError:", e)
print(sorted(reversed(range(3))), list(iter([1, 2].__iter__())), next(iter(()), "empty"))
it = iter(lambda: calls.pop(), "stop")
calls = ["stop", "b", "a"]
print(list(it))
print(tuple(range(0)), list(reversed("abc")), max((x for x in "hello"), key="lo".find))
try:
    sum(["a", "b"], "")
except TypeError as e:
    print("TypeError:", e)
print(all(()), any(()), all(x for x in []), min((x for x in [3, 1]), default=9), divmod(7, -2), round(2.675, 2), pow(2, -1))
