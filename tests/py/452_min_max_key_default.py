# min/max: several arguments or one iterable, key=, default=, ties keep the first, errors
print(max(3, 9, 2), min(3, 9, 2), max([4, 8, 1]), min("hello"), max("b", "abc", key=len))
print(max([], default="none"), min((), default=0), max([5], default=9))
pairs = [("a", 2), ("b", 5), ("c", 5), ("d", 1)]
print(max(pairs, key=lambda p: p[1]), min(pairs, key=lambda p: p[1]), min(pairs, key=lambda p: -p[1]))
print(max(1, 2.5, True), min(-0.0, 0), max(0, -0.0), max([[1, 2], [1, 3], [0, 9]]), min({3: "a", 1: "b"}))
print(max(range(10), key=lambda v: v % 4), min(["bb", "a", "ccc"], key=len))
for args in ([], ()):
    try:
        max(args)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    min([])
except ValueError as e:
    print(type(e).__name__, e)
try:
    max()
except TypeError as e:
    print(type(e).__name__, e)
try:
    max(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    max(1, "a")
except TypeError as e:
    print(type(e).__name__, e)
try:
    max(1, 2, default=3)
except TypeError as e:
    print(type(e).__name__, e)
