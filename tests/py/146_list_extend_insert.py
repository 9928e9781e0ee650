# list capacity after extend (from lists, tuples, ranges, strs, comprehension results) and insert
import sys
HDR = sys.getsizeof([])
def cap(l):
    return (sys.getsizeof(l) - HDR) // 8
for n in (1, 2, 3, 4, 5, 8, 9, 10, 17, 100):
    a = []
    a.extend(list(range(n)))
    b = []
    b.extend(tuple(range(n)))
    c = []
    c.extend(range(n))
    d = []
    d.extend("x" * n)
    e = [0]
    e.extend(range(n))
    print(n, cap(a), cap(b), cap(c), cap(d), cap(e))
l = []
steps = []
prev = cap(l)
for i in range(100):
    l.insert(0, i)
    if cap(l) != prev:
        prev = cap(l)
        steps.append((len(l), prev))
print("insert(0):", steps)
m = [1, 2, 3, 4]
m.extend(m)
print("self-extend:", len(m), cap(m))
m.extend([])
print("extend([]):", cap(m))
