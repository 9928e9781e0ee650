# two-object cycles of every container kind
import gc
gc.collect()
class A:
    pass
x = A()
y = A()
x.peer = y
y.peer = x
del x, y
print("instance <-> instance:", gc.collect())
l1 = []
l2 = [l1]
l1.append(l2)
del l1, l2
print("list <-> list:", gc.collect())
d = {}
l = [d]
d["l"] = l
del d, l
print("dict <-> list:", gc.collect())
lst = []
t = (lst,)
lst.append(t)
del lst, t
print("list <-> tuple:", gc.collect())
s = A()
st = {s}
s.set = st
del s, st
print("instance <-> set:", gc.collect())
p = A()
q = A()
p.q = q
q.p = p
vars(p)
vars(q)
del p, q
print("instance <-> instance, both __dict__ materialised:", gc.collect())
