# map with several iterables, filter(None), zip of unequal lengths and strict, laziness
print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])), list(map(str, range(3))))
print(list(map(lambda a, b, c: a + b + c, "ab", "cd", "ef")))
print(list(filter(None, [0, 1, "", "x", [], [0], None, False, 2.0])))
print(list(filter(lambda v: v % 2, range(10))), list(filter(str.isdigit, "a1b2")))
print(list(zip()), list(zip([1, 2, 3])), list(zip("abc", range(10), [True, False])))
print(list(zip([1, 2], [3, 4], strict=True)))
try:
    list(zip([1, 2, 3], [4], strict=True))
except ValueError as e:
    print(type(e).__name__, e)
try:
    list(zip([1], [4, 5], strict=True))
except ValueError as e:
    print(type(e).__name__, e)
calls = []
def noisy(v):
    calls.append(v)
    return v * 10
m = map(noisy, [1, 2, 3])
print("lazy:", calls)
print(next(m), calls)
print(list(m), calls)
a, b = zip(*[(1, "x"), (2, "y")])
print(a, b)
print(dict(zip("abc", range(3))), list(map(len, ["", "ab", [1]])))
try:
    map(5, [1])
    list(map(5, [1]))
except TypeError as e:
    print(type(e).__name__, e)
try:
    zip(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    map(str)
except TypeError as e:
    print(type(e).__name__, e)
