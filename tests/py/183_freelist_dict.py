# the dict free list: a dropped dict object is reused by the next dict created
import gc
gc.collect()    # empties the free lists: what follows does not depend on what ran before
d = {"a": 1}
addr = id(d)
del d
e = {}
print("reused by {}:", id(e) == addr)
f = {1: 2}
g = {3: 4}
i_f = id(f)
i_g = id(g)
del f
del g
h = {}
k = {5: 6}
print("LIFO:", id(h) == i_g, id(k) == i_f)
p = {7: 8}
ip = id(p)
del p
q = dict()
r = {}
print("dict() allocates through the type, not the free list:", id(q) == ip, id(r) == ip)
big = {i: i for i in range(100)}
ib = id(big)
del big
small = {"x": 0}
print("a big dict's object is reused by a small one:", id(small) == ib)
class C:
    pass
c = C()
vd = vars(c)
ivd = id(vd)
del vd
print("materialised instance dict stays alive while the instance lives:", id(vars(c)) == ivd)
