# sum: start values, float accumulation, mixed int/float/bool, lists via start, strings refused
print(sum([]), sum([], 10), sum(range(101)), sum([True, True, False]), sum([1, 2.5]), sum([0.1] * 10))
print(sum([[1], [2, 3]], []), sum([(1,), (2,)], ()), sum([1, 2], start=100), sum([x * x for x in [1, 2]]))
print(sum([10 ** 20, 10 ** 20]), sum([1e308, 1e308]), sum([0.5, 0.25, 0.125]), sum([-1, -2.5]), sum([2 ** 62, 2 ** 62]))
print(sum([1.0, 1e100, 1.0, -1e100]), sum(range(10 ** 5)), sum([1, 2, 3], 0.0), sum(map(int, "123")))
try:
    sum(["a", "b"], "")
except TypeError as e:
    print(type(e).__name__, e)
try:
    sum([b"a"], b"")
except TypeError as e:
    print(type(e).__name__, e)
try:
    sum([1, "a"])
except TypeError as e:
    print(type(e).__name__, e)
try:
    sum(5)
except TypeError as e:
    print(type(e).__name__, e)
