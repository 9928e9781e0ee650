# 100 000-deep dicts, tuples, instances and a deep cycle are freed without C stack overflow
import gc
gc.collect()
d = {}
for i in range(100000):
    d = {"k": d}
del d
print("dicts freed")
t = ()
for i in range(100000):
    t = (t, i)
del t
print("tuples freed")
class Node:
    pass
head = None
for i in range(100000):
    n = Node()
    n.next = head
    head = n
del head, n
print("instances freed")
s = []
first = s
for i in range(100000):
    s = [s]
first.append(s)
del s, first
print("deep cycle collected:", gc.collect())
fs = frozenset()
for i in range(50000):
    fs = frozenset([fs])
del fs
print("frozensets freed")
