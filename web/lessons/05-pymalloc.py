import sys
import refgc

f = 1.5 * len("ab")
t = (f, f, f)
s = "x" * 100
for obj in (f, t, s):
    info = refgc.block_info(obj)
    name = type(obj).__name__
    size = sys.getsizeof(obj)
    print(name, size, info["size"], info["size_class"])
big = bytes(1000)
print(refgc.block_info(big)["kind"])
cls = refgc.heap_stats()["classes"][1]
print(cls["size"], (16384 - 48) // cls["size"])
