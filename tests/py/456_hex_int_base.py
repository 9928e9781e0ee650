# hex() of small, negative and big ints; int() with bases 0, 2..36, prefixes, underscores, signs, errors
print(hex(0), hex(255), hex(-255), hex(2 ** 64), hex(-(2 ** 100)), hex(True))
print(int("ff", 16), int("0xff", 16), int("0xff", 0), int("0o17", 0), int("0b101", 0), int("z", 36), int("-10", 2))
print(int("1_000_000"), int(" 42 "), int("+7"), int("0x_ff", 16), int("10", base=8), int("12"))
print(int(3.99), int(-3.99), int(True), int("0"), int("00"), int("-0"))
for s, b in (("", 10), ("1__0", 10), ("0x", 16), ("12", 2), ("08", 0), ("1.5", 10), ("z", 35), ("ff", 10)):
    try:
        int(s, b)
    except ValueError as e:
        print(type(e).__name__, e)
for b in (1, 37, -1):
    try:
        int("1", b)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    int(5, 10)
except TypeError as e:
    print(type(e).__name__, e)
try:
    hex(1.5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    hex("a")
except TypeError as e:
    print(type(e).__name__, e)
