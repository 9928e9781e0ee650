# deleting keys never shrinks a dict; clear() and copy() do
import sys
d = {}
for i in range(1000):
    d[i] = i
full = sys.getsizeof(d)
for i in range(999):
    del d[i]
print("1000 keys:", full, "after deleting 999:", sys.getsizeof(d), len(d))
c = d.copy()
print("copy of the 1-key dict:", sys.getsizeof(c))
n = dict(d)
print("dict(d):", sys.getsizeof(n))
d.clear()
print("clear():", sys.getsizeof(d))
d[1] = 1
print("one key after clear:", sys.getsizeof(d))
e = {}
for i in range(6):
    e[i] = i
before = sys.getsizeof(e)
sizes = set()
for rnd in range(100):
    e[1000 + rnd] = 0
    sizes.add(sys.getsizeof(e))
    del e[1000 + rnd]
print("churn with constant length:", before, sys.getsizeof(e), len(e), sorted(sizes))
p = {i: i for i in range(50)}
while p:
    p.popitem()
print("popitem until empty:", sys.getsizeof(p), len(p))
