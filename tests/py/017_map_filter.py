# map() and filter()
print(list(map(abs, [-1, 2, -3])), list(map(str, range(3))), list(map(len, ["a", "bb"])))
print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])), list(map(int, "123")))
print(list(filter(None, [0, 1, "", "a", [], [0], None, 2.5, False])))
print(list(filter(lambda v: v % 2, range(10))), list(filter(lambda s: s.isdigit(), ["1", "a", "22"])))
print(type(map(abs, [])).__name__, type(filter(None, [])).__name__)
m = map(lambda v: v * 10, [1, 2, 3])
print(next(m), list(m), list(m))
def square(v):
    return v * v
print(sum(map(square, range(5))), max(map(len, ["x", "yyy", "zz"])))
print(list(map(max, [1, 5], [4, 2], [3, 3])))
print(list(filter(lambda s: s.startswith("a"), ["ab", "ba", "aa"])))
calls = []
def noisy(v):
    calls.append(v)
    return v > 1
f = filter(noisy, [1, 2, 3])
print(calls, next(f), calls)
def show(g):
    try:
        print(g())
    except Exception as e:
        print(type(e).__name__, e)
show(lambda: list(map(abs, ["x"])))
show(lambda: map(abs))
show(lambda: list(map(5, [1])))
show(lambda: filter(None, 5))
show(lambda: list(map(lambda a, b: a, [1])))
