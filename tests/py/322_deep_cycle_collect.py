# the collector handles a 100000-long ring and a deep nest closed into a cycle
import gc
gc.collect()
class Node:
    pass
first = Node()
cur = first
for i in range(99999):
    n = Node()
    cur.next = n
    cur = n
cur.next = first
del first, cur, n
print("ring of 100000:", gc.collect())
outer = []
x = outer
for i in range(100000):
    y = []
    x.append(y)
    x = y
x.append(outer)
del outer, x, y
print("nest of 100001 lists closed into a cycle:", gc.collect())
