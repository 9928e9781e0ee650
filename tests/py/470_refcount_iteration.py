# sys.getrefcount during for-loops: the iterator holds the container, loop variables hold items
import sys
lst = [object(), object()]
d = {"k": [1]}
base = sys.getrefcount(lst)
for x in lst:
    inside = sys.getrefcount(lst)
print("list in loop:", inside - base)
print("item held by loop var after loop:", sys.getrefcount(lst[-1]))
del x
print("after del:", sys.getrefcount(lst[-1]))
v = d["k"]
vb = sys.getrefcount(v)
for key, val in d.items():
    vi = sys.getrefcount(v)
print("dict value during items():", vi - vb)
del key, val
tb = sys.getrefcount(d)
for key in d:
    ti = sys.getrefcount(d)
print("dict during iteration:", ti - tb)
it = iter(lst)
print("explicit iterator:", sys.getrefcount(lst) - base)
del it
print("after del it:", sys.getrefcount(lst) - base)
def f(seq):
    for item in seq:
        return sys.getrefcount(seq)
print("in function:", f(lst) - base)
print([sys.getrefcount(lst) - base for i in range(1)])
