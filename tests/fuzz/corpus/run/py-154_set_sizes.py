# set and frozenset sizes as elements are added; removal never shrinks
import sys
s = set()
prev = sys.getsizeof(s)
steps = [(0, prev)]
for i in range(2000):
    s.add(i)
    z = sys.getsizeof(s)
    if z != prev:
        steps.append((len(s), z))
        prev = z
print(steps)
for i in range(1999):
    s.discard(i)
print("after discarding all but one:", sys.getsizeof(s), len(s))
s.clear()
print("clear():", sys.getsizeof(s))
print("constructors:", [sys.getsizeof(set(range(n))) for n in (0, 1, 4, 5, 10, 18, 19, 100)])
print("frozensets:", [sys.getsizeof(frozenset(range(n))) for n in (0, 1, 4, 5, 10, 100)])
print("literals:", sys.getsizeof({1}), sys.getsizeof({1, 2, 3, 4, 5}), sys.getsizeof({x for x in range(5)}))
a = set(range(10))
print("copy / union / intersection:", sys.getsizeof(a.copy()), sys.getsizeof(a | {100}), sys.getsizeof(a & {1}))
print("str elements:", sys.getsizeof(set("abcdefgh")), sys.getsizeof(frozenset(["x"])))
