# each container slot holding an object is one reference
import sys
class C:
    pass
o = C()
base = sys.getrefcount(o)
l = [o, o, o]
print("list of 3:", sys.getrefcount(o) - base)
t = (o, o)
print("+ tuple of 2:", sys.getrefcount(o) - base)
d = {"k1": o, "k2": o}
print("+ dict values 2:", sys.getrefcount(o) - base)
d2 = {o: 1}
print("+ dict key:", sys.getrefcount(o) - base)
s = {o}
s.add(o)
print("+ set (added twice):", sys.getrefcount(o) - base)
m = [o] * 10
print("+ [o]*10:", sys.getrefcount(o) - base)
c = l.copy()
print("+ copy of list of 3:", sys.getrefcount(o) - base)
sl = l[1:]
print("+ slice of 2:", sys.getrefcount(o) - base)
del l, t, d, d2, s, m, c, sl
print("all dropped:", sys.getrefcount(o) - base)
holder = []
for i in range(100):
    holder.append(o)
print("appended 100:", sys.getrefcount(o) - base)
holder.clear()
print("cleared:", sys.getrefcount(o) - base)
nested = [[o], (o,), {0: o}]
print("nested:", sys.getrefcount(o) - base, sys.getrefcount(nested[0]))
d3 = {}
d3["k"] = o
d3["k"] = o
print("same key twice:", sys.getrefcount(o) - base - 3)
