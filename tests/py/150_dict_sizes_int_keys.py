# dict size as int keys are inserted (24-byte entries), up to 1000 keys
import sys
d = {}
prev = sys.getsizeof(d)
steps = [(0, prev)]
for i in range(1000):
    d[i] = None
    s = sys.getsizeof(d)
    if s != prev:
        steps.append((len(d), s))
        prev = s
print(steps)
t = {}
prev = sys.getsizeof(t)
tsteps = [(0, prev)]
for i in range(100):
    t[(i, i)] = i
    s = sys.getsizeof(t)
    if s != prev:
        tsteps.append((len(t), s))
        prev = s
print("tuple keys:", tsteps)
