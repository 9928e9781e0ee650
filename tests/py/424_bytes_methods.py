# bytes methods: hex/fromhex, split/join, find/count/replace, case, strip, decode errors, comparisons
b = b"Hello, bytes"
print(b.hex(), b"\x00\xff".hex(), bytes.fromhex("de ad BE EF"), b.upper(), b.lower(), b.swapcase())
print(b.split(b", "), b"a b  c".split(), b"-".join([b"x", b"y", b"z"]), b.rsplit(b"e", 1))
print(b.find(b"l"), b.rfind(b"l"), b.index(b"b"), b.count(b"l"), b.replace(b"l", b"L", 1))
print(b.startswith(b"He"), b.endswith((b"x", b"s")), b"  pad ".strip(), b"xxhixx".strip(b"x"))
print(b[0], b[-1], b[1:5], b[::-1], list(b"abc"), b"ab" * 3, b"a" + b"b")
print(b"abc" < b"abd", b"abc" == "abc", b"a" in b"cat", 97 in b"cat", bytes([65, 66]), bytes(3))
print(b"caf\xc3\xa9".decode(), b"caf\xc3\xa9".decode("latin-1"), "café".encode("utf-8"), "café".encode("latin-1"))
try:
    b"\xff\xfe".decode()
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
try:
    "€".encode("ascii")
except UnicodeEncodeError as e:
    print(type(e).__name__, e)
print(b"\xff".decode("utf-8", "replace"), "€".encode("ascii", "replace"), "€".encode("ascii", "ignore"))
print(b"abc".isalpha(), b"123".isdigit(), b"Ab".istitle(), b"ab1".isalnum(), b" ".isspace())
print(b"ab".center(6, b"*"), b"ab".ljust(4, b"."), b"7".zfill(3), b"a\tb".expandtabs(4), b.partition(b", "))
try:
    bytes([256])
except ValueError as e:
    print(type(e).__name__, e)
try:
    b"a" + "b"
except TypeError as e:
    print(type(e).__name__, e)
print(repr(b"\n\t\\'\""), repr(bytes(range(0, 256, 40))), hash(b"") == 0)
