# float(): from strings, ints and special values; error messages
print(float(), float(3), float(-7), float("1.5"), float(" 2.5e3 "), float("-0"))
print(float("inf"), float("-Infinity"), float("nan"), float("1_000.5"), float(".5"))
print(float("5."), float("1e-3"), float("1E+3"), float(True), float(2**53 + 1))
print(float("  -12.25\n"), float("00012"), float("-.0e0"))
def show(*args):
    try:
        print(float(*args))
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
show("abc")
show("")
show("1.2.3")
show(None)
show([1.0])
show(10**400)
show(-(10**400))
show("1e400")
show("-1e400")
show(b"1.5")
show("1__0")
x = 1e308 * 10
print(x, -x, x - x, x == float("inf"))
n = float("nan")
print(n == n, n != n, n is n, [n] == [n])
print(0.1 + 0.2, 0.1 + 0.2 == 0.3, 1 / 3, 2 / 3, 10 / 4, 7 / 7)
print(float(10**16), float(10**15 + 1), float(2**63), float(-2**1023))
