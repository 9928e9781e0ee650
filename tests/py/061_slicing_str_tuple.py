# slicing str, tuple, bytes, bytearray and range
s = "abcdefghij"
t = tuple(range(10))
b = b"0123456789"
ba = bytearray(b)
r = range(100, 110)
for seq in (s, t, b, ba, r):
    print(seq[2:5], seq[::4], seq[::-3], seq[-2:], seq[7:3], type(seq[1:2]).__name__)
print(s[1:9:2][::-1], t[1:][1:][1:], b[::2][::2], r[::2][::2], r[-1:0:-4])
ba[2:4] = b"XYZ"
print(ba)
ba[::3] = b"****"
print(ba)
del ba[-3:]
print(ba)
print(s[:100], t[90:], b[-100:-8], r[5:500])
print(s[None:3], s[3:None], s[::None] == s)
