# sorted/reversed/min/max and list methods do not leak references
import sys
class C:
    pass
objs = [C() for _ in range(4)]
first = objs[0]
base = sys.getrefcount(first)
s = sorted(objs, key=lambda v: 0)
print("sorted copy:", sys.getrefcount(first) - base)
del s
objs.sort(key=lambda v: 0)
objs.reverse()
objs.reverse()
print("sort/reverse in place:", sys.getrefcount(first) - base)
m = max(objs, key=lambda v: v is first)
print("max result:", m is first, sys.getrefcount(first) - base)
del m
idx = objs.index(first)
cnt = objs.count(first)
print("index/count:", idx, cnt, sys.getrefcount(first) - base)
objs.insert(0, first)
print("inserted again:", sys.getrefcount(first) - base)
objs.remove(first)
print("removed once:", sys.getrefcount(first) - base)
p = objs.pop(0)
print("popped into a name:", sys.getrefcount(first) - base)
