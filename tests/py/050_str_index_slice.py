# str indexing and slicing over ASCII, latin-1, BMP and astral characters
s = "Hello, World"
print(s[0], s[-1], s[7:], s[:5], s[::2], s[::-1], s[-5:-1], s[100:], s[-100:3], s[3:1])
u = "aé€😀b"
print(len(u), u[1], u[2], u[3], u[-1], u[1:4], u[::-1], list(u))
print([c for c in "xyz"], "".join(reversed("stressed")), s[2:10:3], s[10:2:-3])
print(s[::-1][::-1] == s, s[:] == s, s[0:len(s)] == s)
big = "ab" * 1000
print(len(big), big[999:1003], big[-3:], len(big[::7]))
for idx in (12, -13, 100):
    try:
        s[idx]
    except IndexError as e:
        print(type(e).__name__, e, idx)
try:
    s[1.0]
except TypeError as e:
    print(type(e).__name__, e)
try:
    s[0] = "h"
except TypeError as e:
    print(type(e).__name__, e)
