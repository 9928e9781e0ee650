# bytearray mutation: append/extend/insert/pop/remove/reverse, slice assignment, in-place ops, conversions
ba = bytearray(b"hello")
ba.append(33)
ba.extend(b" wo")
ba.extend([114, 108, 100])
ba.insert(0, 62)
print(ba, len(ba), ba.pop(), ba.pop(0), ba)
ba.remove(111)
ba.reverse()
print(ba)
ba[0:3] = b"XYZW"
ba[-1] = 65
del ba[1]
print(ba, ba[2], ba[1:4], ba.find(b"W"), ba.count(b"l"))
ba[::2] = b"12345"[:len(ba[::2])]
print(ba)
c = bytearray(b"ab")
c += b"cd"
c *= 2
print(c, c.upper(), c.replace(b"a", b"-"), c.hex(), bytes(c), c == b"abcdabcd", c.decode())
print(bytearray(3), bytearray([1, 2]), bytearray("é", "utf-8"), bytearray.fromhex("4142"), bytearray(b"x").isalpha())
try:
    ba.append(256)
except ValueError as e:
    print(type(e).__name__, e)
try:
    ba.remove(0)
except ValueError as e:
    print(type(e).__name__, e)
try:
    bytearray().pop()
except IndexError as e:
    print(type(e).__name__, e)
try:
    ba[0] = "a"
except TypeError as e:
    print(type(e).__name__, e)
d = bytearray(b"abc")
d[1:2] = bytearray(b"XYZ")
d[:] = d[::-1]
print(d, d.startswith(b"c"), d.split(b"Y"), list(d))
