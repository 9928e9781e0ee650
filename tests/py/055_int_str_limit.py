# the int/str conversion digit limit (4300 digits by default in 3.11)
ok = int("7" * 4300)
print(len(str(ok)), str(ok)[:10], str(ok)[-5:])
big = 10**4300
try:
    s = str(big)
except ValueError as e:
    print(type(e).__name__, e)
try:
    int("1" * 4301)
except ValueError as e:
    print(type(e).__name__, e)
try:
    int("1" * 5000)
except ValueError as e:
    print(type(e).__name__, e)
try:
    print(big)
except ValueError as e:
    print("print:", type(e).__name__, e)
try:
    repr(big)
except ValueError as e:
    print("repr:", type(e).__name__, e)
try:
    f"{big}"
except ValueError as e:
    print("f-string:", type(e).__name__, e)
try:
    "%d" % big
except ValueError as e:
    print("%d:", type(e).__name__, e)
print(len(hex(big)), hex(big)[:12], int("f" * 5000, 16) == 16**5000 - 1)
print(len(str(10**4299)), int("-" + "9" * 4300) == -(10**4300 - 1))
print(big % 1000, big // 10**4299, (big - 1) % 10**5)
print(int("1" + "0" * 4299) == 10**4299, int("  " + "5" * 4300 + "  ") % 7)
