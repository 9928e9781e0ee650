# reversed over lists, tuples, strings, ranges and dicts; enumerate with start; errors
print(list(reversed([1, 2, 3])), list(reversed((1, 2))), list(reversed("abc")), list(reversed(range(1, 10, 3))))
d = {"x": 1, "y": 2, "z": 3}
print(list(reversed(d)), list(reversed(d.values())), list(reversed(d.items())))
print(list(reversed(range(0))), list(reversed(range(5, 0, -2))), list(reversed(b"ab")), list(reversed(bytearray(b"cd"))))
lst = [1, 2, 3]
r = reversed(lst)
lst.append(4)
print(list(r))
r2 = reversed(lst)
lst.clear()
print(list(r2))
print(list(enumerate("abc")), list(enumerate("ab", -2)), list(enumerate([], 5)), list(enumerate("a", start=10)))
for i, (a, b) in enumerate([(1, 2), (3, 4)], 1):
    print(i, a, b)
try:
    reversed({1, 2})
except TypeError as e:
    print(type(e).__name__, e)
try:
    reversed(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    enumerate(5)
except TypeError as e:
    print(type(e).__name__, e)
print(type(reversed([])).__name__, type(reversed(range(2))).__name__, type(reversed("s")).__name__)
