# bytes: construction, indexing, slicing, methods, errors
print(bytes(), bytes(3), bytes([65, 66, 67]), bytes(b"xy"), bytes(range(5)), bytes("h\xe9", "utf-8"))
b = b"Hello, World"
print(b[0], b[-1], b[:5], b[::-1], len(b), b.lower(), b.upper(), b.split(b", "))
print(b.find(b"o"), b.rfind(b"o"), b.count(b"l"), b.replace(b"l", b"L"), b.startswith(b"He"))
print(b.strip(b"Hd"), b" x ".strip(), b"-".join([b"a", b"b"]), b + b"!", b * 2)
print(b.hex(), b"\x00\xff".hex(), b.decode(), b"caf\xc3\xa9".decode("utf-8"), "é".encode())
print(b"abc" < b"abd", b"a" == b"a", b"a" == "a", 97 in b"abc", b"bc" in b"abc")
print(list(b"AZ"), [x for x in b"hi"], b"%d-%s" % (5, b"x"), b"%05.1f" % 2.25)
print(repr(b"\t\n\r\x7f\\'\""), b"x".isalpha(), b"12".isdigit(), b"A b".title())
def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
show(lambda: bytes([256]))
show(lambda: bytes([-1]))
show(lambda: bytes("x"))
show(lambda: bytes(-1))
show(lambda: b"a" + "b")
show(lambda: b"abc"[5])
show(lambda: b"\xff".decode())
show(lambda: "\udc80".encode())
show(lambda: b"abc".index(b"z"))
show(lambda: bytes(1.5))
def setitem():
    b2 = b"abc"
    b2[0] = 1
show(setitem)
