# long rings and chains hanging off cycles: every GC object reachable only from garbage is counted
import gc
gc.collect()
class Node:
    pass
def ring(n):
    first = Node()
    cur = first
    for i in range(n - 1):
        nxt = Node()
        cur.next = nxt
        cur = nxt
    cur.next = first
    return first
r = ring(100)
del r
print("ring of 100 instances:", gc.collect())
r = ring(10)
r.payload = [[] for i in range(5)]
del r
print("ring of 10 + a list of 5 lists:", gc.collect())
r = ring(3)
r.data = {"ints": [1, 2, 3], "str": "s" * 100, "num": 10**50}
del r
print("ring of 3 + dict + list (ints and strs are not GC objects):", gc.collect())
lists = []
for i in range(50):
    lists.append([])
for i in range(50):
    lists[i].append(lists[(i + 1) % 50])
del lists
print("50 lists in a ring (the holder list itself is freed by refcounting):", gc.collect())
