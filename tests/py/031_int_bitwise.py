# bitwise and shift operators on small, large and negative ints
print(5 & 3, 5 | 3, 5 ^ 3, ~5, ~-1, ~0, 1 << 10, 1024 >> 3, -16 >> 2, -1 >> 100)
print(1 << 100, (1 << 100) >> 99, (1 << 100) - 1 & 0xFF, -(1 << 70) >> 3)
print(0xFFFF & -256, -5 & 0xFF, -5 | 2, -5 ^ -3, (2**64 - 1) ^ (2**63), ~(2**70))
print(0b1010 | 0b0101, 0o17 & 0xF, 0x7FFFFFFF + 1, 0 << 1000, 255 >> 8)
x = 0b1
for i in range(5):
    x = (x << 3) | i
print(x, hex(x))
mask = (1 << 64) - 1
v = 0x123456789ABCDEF0
print(hex(v & mask), hex((v << 8) & mask), hex(v >> 60), hex((-v) & mask))
print(True & False, True | False, True ^ True, ~True, True << 3)
y = 6
y &= 3; y |= 8; y ^= 1; y <<= 2; y >>= 1
print(y)
for bad in ((1, 1.5), ("a", 1)):
    try:
        print(bad[0] & bad[1])
    except TypeError as e:
        print(type(e).__name__, e)
try:
    print(1 << 2.0)
except TypeError as e:
    print(type(e).__name__, e)
