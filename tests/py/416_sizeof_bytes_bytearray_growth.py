# sys.getsizeof of bytes and bytearray: exact sizes, bytearray over-allocation on append/extend
import sys
print([sys.getsizeof(bytes(n)) for n in (0, 1, 2, 10, 100)])
print(sys.getsizeof(b"abc" * 10), sys.getsizeof(b"x" + b"yz"))
ba = bytearray()
sizes = []
for i in range(200):
    ba.append(i)
    sz = sys.getsizeof(ba)
    if not sizes or sizes[-1][1] != sz:
        sizes.append((len(ba), sz))
print(sizes)
for n in (0, 1, 5, 16, 100):
    print(n, sys.getsizeof(bytearray(n)), sys.getsizeof(bytearray(b"a" * n)))
e = bytearray(b"abc")
e.extend(b"defgh")
print(sys.getsizeof(e))
e.extend(bytes(100))
print(sys.getsizeof(e))
del e[10:]
print(len(e), sys.getsizeof(e))
e.clear()
print(sys.getsizeof(e))
f = bytearray(b"12345678")
f += b"9"
print(sys.getsizeof(f), sys.getsizeof(f * 3), sys.getsizeof(bytearray(b"ab") + b"cd"))
