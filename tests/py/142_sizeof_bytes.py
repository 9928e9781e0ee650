# sys.getsizeof of bytes (33 + n) and bytearray (over-allocated buffer)
import sys
for n in (0, 1, 2, 10, 100, 1000):
    print("bytes", n, sys.getsizeof(bytes(n)), sys.getsizeof(b"x" * n))
for n in (0, 1, 2, 10, 100):
    print("bytearray", n, sys.getsizeof(bytearray(n)), sys.getsizeof(bytearray(b"y" * n)))
ba = bytearray()
prev = sys.getsizeof(ba)
steps = [(0, prev)]
for i in range(1, 300):
    ba.append(i % 256)
    s = sys.getsizeof(ba)
    if s != prev:
        steps.append((len(ba), s))
        prev = s
print("append:", steps)
for n in (250, 100, 10, 0):
    del ba[n:]
    print("truncated to", n, sys.getsizeof(ba))
bb = bytearray(b"abc")
bb.extend(b"d" * 20)
print("extend:", sys.getsizeof(bb), len(bb))
bb.clear()
print("clear:", sys.getsizeof(bb))
