# unpacking: starred targets, nested targets, iterables of all kinds, errors
a, *b, c = range(6)
print(a, b, c)
(x, y), [z, *w] = "ab", (1, 2, 3)
print(x, y, z, w)
first, *_ = {"k": 1}
print(first, _)
*init, last = "xyz"
print(init, last)
h, = [9]
print(h)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    a, b, c = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    a, *b, c = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    a, b = 5
except TypeError as e:
    print("TypeError:", e)
print([*range(3), *"ab"], (*[1], 2), {*[1, 1], 2}, {**{"a": 1}, "b": 2})
for i, (k, v) in enumerate(sorted({"p": 1, "q": 2}.items())):
    print(i, k, v)
m = [[1, 2], [3, 4]]
for p, q in m:
    print(p + q, end=" ")
print()
lst = [0, 0, 0]
i = 0
i, lst[i] = 1, 5
print(i, lst)
s = {}
s["a"], s["b"] = s["c"] = 1, 2
print(sorted(s.items()))
