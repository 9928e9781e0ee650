# list sizes from comprehensions, list(), *, +, slicing, sorted, split and copies
import sys
g = sys.getsizeof
for n in (0, 1, 4, 5, 8, 9, 16, 17, 100):
    print(n, g([i for i in range(n)]), g(list(range(n))), g([0] * n), g(list([0] * n)), g(sorted(range(n))))
a = list(range(10))
print(g(a + a), g(a[:5]), g(a[::2]), g(a * 3), g(a.copy()), g(a[:]), g(list(a)))
print(g("a b c d e".split()), g("abcdef".split("c")), g(list("abcdefghij")), g(list({1: 2, 3: 4})))
print(g(list((1, 2, 3))), g([*a]), g([*a, 1]), g([1, 2, 3]), g([]), g(list()))
b = []
b += [1, 2, 3]
print(g(b), end=" ")
b += list(range(10))
print(g(b), end=" ")
b.extend(range(3))
print(g(b))
