# tuple: count/index, concatenation and repetition, comparison, unpacking, singletons, immutability
t = (1, 2, 3, 2, 1)
print(t.count(2), t.index(3), t.index(1, 1), t + (4,), t * 2, (1,) * 0, 2 in t, t[::-1], t[1:-1])
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), () < (0,), (1, "a") == (1, "a"), (2,) > (1, 99), max([(1, 2), (1, 3)]))
a, *rest = t
*init, last = t
x, (y, z) = 1, (2, 3)
print(a, rest, init, last, x, y, z)
e0 = ()
print(tuple() is e0, tuple([]) is e0, (1, 2)[2:] is e0, (1,) * 3)
u = (1, 2)
print(tuple(u) is u, tuple("ab"), tuple(range(3)), tuple({1: "x"}), len(()), not (), not (0,))
try:
    t[0] = 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    t.index(99)
except ValueError as e:
    print(type(e).__name__, e)
try:
    t[10]
except IndexError as e:
    print(type(e).__name__, e)
try:
    (1, 2) + [3]
except TypeError as e:
    print(type(e).__name__, e)
try:
    a, b = t
except ValueError as e:
    print(type(e).__name__, e)
try:
    a, b, c = (1, 2)
except ValueError as e:
    print(type(e).__name__, e)
