# sys.getsizeof of ints produced by arithmetic: digit boundaries at 2**30, negatives, bools, zero
import sys
g = sys.getsizeof
print(g(0), g(1), g(-1), g(True), g(False), g(2 ** 30 - 1), g(2 ** 30), g(-(2 ** 30)))
print([g(2 ** k) for k in (29, 30, 59, 60, 89, 90, 300, 3000)])
x = 2 ** 30 - 1
print(g(x + 1), g(x + 1 - 1), g(x * x), g(x * 0), g(-x), g(abs(-x)))
big = 10 ** 100
print(g(big), g(big - big), g(big // big), g(big % 7), g(big >> 300), g(big << 30), g(-big))
print(g(int("9" * 50)), g(int(2.5e30)), g(len("abc")), g(sum(range(100000))), g(hash("x") % 10))
print(g(255 & 256), g(2 ** 62 | 1), g(~0), g(1 << 1000))
try:
    sys.getsizeof(1, 2, 3)
except TypeError as e:
    print(type(e).__name__, e)
