# gc.collect() counts for cycle shapes: rings of instances, self-referencing dicts, mixed list/dict, slots, sets in tuples
import gc
import sys
gc.collect()
class N:
    pass
def build(k):
    nodes = [N() for i in range(k)]
    for i in range(k):
        nodes[i].next = nodes[(i + 1) % k]
        nodes[i].prev = nodes[i - 1]
    return nodes[0]
res = [None] * 6
h = build(50)
del h
res[0] = gc.collect()
d = {}
for i in range(20):
    d[i] = d
del d
res[1] = gc.collect()
a = []
b = [a]
a.append(b)
c = {"x": a}
del a, b
res[2] = gc.collect()
del c
res[3] = gc.collect()
class P:
    __slots__ = ("ref",)
p = P()
q = P()
p.ref = q
q.ref = p
del p, q
res[4] = gc.collect()
s = set()
t = (s, [])
t[1].append(t)
del s, t
res[5] = gc.collect()
print(res)
