# sys.getsizeof(int): 24 bytes + 4 per 30-bit digit (at least one digit, even for 0)
import sys
for e in (0, 1, 29, 30, 31, 59, 60, 61, 89, 90, 120, 300, 1000, 10000):
    v = 2 ** e
    print(e, sys.getsizeof(v), sys.getsizeof(v - 1), sys.getsizeof(-v), sys.getsizeof(v + 1))
print(sys.getsizeof(0), sys.getsizeof(-0), sys.getsizeof(True), sys.getsizeof(False), sys.getsizeof(-5))
print(sys.getsizeof(10**9), sys.getsizeof(10**18), sys.getsizeof(10**27), sys.getsizeof(10**100))
print(sys.getsizeof(int("9" * 50)), sys.getsizeof(int("1" * 500)), sys.getsizeof(-(10**40)))
x = 2**60
y = x - 2**59
print(sys.getsizeof(x), sys.getsizeof(y), sys.getsizeof(x * x), sys.getsizeof(x // x), sys.getsizeof(x - x))
prev = 0
steps = []
v = 1
for bits in range(1, 200):
    v = v * 2
    s = sys.getsizeof(v)
    if s != prev:
        steps.append((bits, s))
        prev = s
print(steps)
