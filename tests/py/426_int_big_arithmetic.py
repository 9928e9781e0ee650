# arbitrary-precision ints: products, floor division and modulo signs, shifts, bit ops, powers, conversions
a = 3 ** 200
b = -(7 ** 90)
print(a)
print(a * b)
print(a // 12345678901234567, a % 12345678901234567)
print(b // 1000003, b % 1000003, -b // -1000003, b % -1000003)
print(a // b, a % b, (a // b) * b + a % b == a)
print(1 << 200, (1 << 200) >> 150, -1 >> 100, (-1 << 100) >> 99)
print(a & b, a | 0xff, a ^ b, ~a == -a - 1)
print(2 ** 64, 2 ** -1, (-2) ** 63, 10 ** 30 // 10 ** 15, 0 ** 0)
print(int("1" * 50) + 1, int("-" + "9" * 40, 10), int("zz" * 10, 36), int("0b" + "1" * 70, 0))
print(a == int(str(a)), len(str(a)), str(-a)[:5], hex(a)[:12], hex(b)[:12])
print(abs(b) == -b, -a < b, a > 10 ** 95, (a * a) // a == a, a - a, a + b - b == a)
print(12345678901234567890 * 98765432109876543210)
print((10 ** 40 + 1) * (10 ** 40 - 1) == 10 ** 80 - 1, (2 ** 127 - 1) % 1000000007)
print(int(1e20), int(-1.5e25), float(2 ** 80), float(3 ** 100), 10 ** 20 / 3, 2 ** 100 / 2 ** 99)
try:
    float(10 ** 400)
except OverflowError as e:
    print(type(e).__name__, e)
try:
    a // 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    1 << -1
except ValueError as e:
    print(type(e).__name__, e)
