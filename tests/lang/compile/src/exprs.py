x = 1 < 2 < 3
y = a if b else c
z = not a
w = a and b or c
s = f"{x!r:>{y}} and {z}"
t = "%s-%r" % (x, y)
u = (1, 2, 3) + (4,)
v = -5 ** 2
q = 2 ** 200
r = "ab" * 3
p = [1, 2, 3, 4]
o = {1, 2, 3}
n = {"a": 1, "b": 2}
m = {**n, "c": 3}
l = [*p, *o]
k = a[1:2, ::3]
j = f(*p, **n)
i = f(1, 2, x=3, y=4)
h = o.meth(1, k=2)
g, *rest = p
a.b.c += 1
a[i] -= 2
del a[0], a.b, q
assert x, "message"
assert y
if not (a is None):
    pass
if a is not None and b in c:
    pass
while x:
    x -= 1
else:
    x = 5
print(__debug__)
with open("f") as fh, open("g"):
    pass
import os.path
import os.path as osp
from os import path as p2, sep
