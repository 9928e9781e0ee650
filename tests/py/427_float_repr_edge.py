# float repr (shortest round-trip), exponent switch, special values, int conversion and comparisons
vals = [0.1 + 0.2, 1 / 3, 2 / 3, 1e16, 1e15 + 0.3, 123456789012345678.0, 1e-4, 1e-5, 0.00001234,
        1e22, 1e23, 5e-324, 1.7976931348623157e308, 2.5, -0.0, 100.0, 1.0 * 10 ** 15, 9007199254740993.0]
print([repr(v) for v in vals])
print(str(1.1), str(1e300 * 10), str(-1e300 * 1e300), repr(float("nan")), float("-inf"), float(" 1.5e3 "))
inf = float("inf")
nan = float("nan")
print(inf > 10 ** 400, -inf < -10 ** 400, nan == nan, nan != nan, nan is nan, inf - inf != inf - inf)
print(int(2.9), int(-2.9), int(1e18), int(-0.0), 0.0 == -0.0, 7.0 // 2, -7.0 // 2, 7.0 % -2, -7.5 % 2)
print(1.5 == 3 / 2, 2 ** 53 + 1 == float(2 ** 53 + 1), 0.1 * 3 == 0.3, 1e308 * 10, 2.0 ** 0.5, 10 ** -2)
print(3 * 1.1, 1.1 + 2.2, 0.7 - 0.1, 4.35 * 100, 1 - 0.9, 9.95 * 10, 1e-320 / 10, 2.675 * 100)
print(f"{2.675:.2f} {1.005:.2f} {0.125:.2f} {0.375:.1f} {1e16:f} {1/3:.20f}")
print(hash(1.0) == hash(1), hash(0.5), hash(-0.0), hash(inf), hash(1e100) == hash(10 ** 100))
try:
    int(inf)
except OverflowError as e:
    print(type(e).__name__, e)
try:
    int(nan)
except ValueError as e:
    print(type(e).__name__, e)
try:
    1.0 / 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    2.0 ** 10000
except OverflowError as e:
    print(type(e).__name__, e)
