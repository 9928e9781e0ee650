# bytearray: a mutable bytes
a = bytearray(b"hello")
print(a, len(a), a[0], a[1:3])
a[0] = 72
a.append(33)
a.extend(b" ok")
print(a)
a[1:3] = b"EE"
print(a)
del a[0]
print(a, a.pop(), a.pop(0), a)
a.insert(0, 104)
a.reverse()
print(a)
a.remove(69)
print(a, a.find(b"l"), a.count(b"l"), a.upper(), bytes(a))
b = bytearray(3)
b += b"x"
b *= 2
print(b, bytearray(b"ab") == b"ab", bytearray([1, 2]), bytearray(range(3)))
c = bytearray(b"abc")
d = c.copy()
d[0] = 122
print(c, d, c.decode(), bytearray("\u20ac", "utf-8"), c.hex())
c.clear()
print(c, len(c))
def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
show(lambda: bytearray(b"a").pop(5))
show(lambda: bytearray().pop())
show(lambda: bytearray(b"a").append(256))
show(lambda: bytearray(b"a").remove(1))
show(lambda: hash(bytearray()))
def bad_set():
    x = bytearray(2)
    x[0] = "a"
show(bad_set)
