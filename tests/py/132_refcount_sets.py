# references held by sets and frozensets
import sys
class C:
    pass
o = C()
base = sys.getrefcount(o)
s = {o}
print("in a set:", sys.getrefcount(o) - base)
s.add(o)
print("added again:", sys.getrefcount(o) - base)
f = frozenset(s)
print("frozenset copy:", sys.getrefcount(o) - base)
u = s | f
i = s & f
print("union and intersection:", sys.getrefcount(o) - base)
s.discard(o)
print("discarded:", sys.getrefcount(o) - base)
del f, u, i
print("dropped:", sys.getrefcount(o) - base)
s2 = set([o, o, o])
print("set from list of 3:", sys.getrefcount(o) - base)
x = s2.pop()
print("popped:", sys.getrefcount(o) - base)
