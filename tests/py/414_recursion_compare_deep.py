# comparing, hashing and repr of very deep data hit RecursionError, not a crash
import sys
def nest(n, leaf):
    x = leaf
    for i in range(n):
        x = [x]
    return x
a = nest(20000, 1)
b = nest(20000, 1)
try:
    print(a == b)
except RecursionError as e:
    print("==", type(e).__name__, e)
try:
    print(a < b)
except RecursionError as e:
    print("<", type(e).__name__, e)
t = 1
for i in range(20000):
    t = (t,)
print("hash of a 20000-deep tuple:", hash(t) == hash(t))
try:
    repr(a)
except RecursionError as e:
    print("repr", type(e).__name__, e)
d = {}
for i in range(20000):
    d = {"k": d}
try:
    str(d)
except RecursionError as e:
    print("str", type(e).__name__, e)
small = nest(100, 2)
print(small == nest(100, 2), str(small)[:5], len(repr(small)))
del a, b, t, d
print("done")
