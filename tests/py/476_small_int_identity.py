# the small-int cache (-5..256): results of arithmetic are the cached objects; 257 and -6 are not
a = 200
b = 56
print((a + b) is int("256"), (a + b + 1) is int("257"))
x = int("100")
y = int("100")
print(x is y, int("-5") is int("-5"), int("-6") is int("-6"), int("257") is int("257"))
print([v is int(str(v)) for v in (0, 128, 256, 258, 300)])
n = 10 ** 3
print((n // 10) is int("100"), (n - 744) is int("256"), (n - 743) is int("257"), len("abc") is int("3"))
z = 0
t = True
print((z - 5) is int("-5"), (z - 6) is int("-6"), (t + z) is int("1"), sum([100, 100]) is int("200"))
print(int(7.0) is int("7"), int("0x10", 16) is int("16"), abs(-9) is int("9"), (z + 2) ** 8 is int("256"))
