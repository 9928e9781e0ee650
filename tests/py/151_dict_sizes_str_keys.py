# dict size as str keys are inserted (unicode-only table, 16-byte entries)
import sys
d = {}
prev = sys.getsizeof(d)
steps = [(0, prev)]
for i in range(1000):
    d["key%d" % i] = i
    s = sys.getsizeof(d)
    if s != prev:
        steps.append((len(d), s))
        prev = s
print(steps)
m = {}
for i in range(5):
    m["k%d" % i] = i
print("5 str keys:", sys.getsizeof(m))
m[99] = 0
print("one int key added (table converted to general entries):", sys.getsizeof(m))
del m[99]
print("int key deleted again:", sys.getsizeof(m))
