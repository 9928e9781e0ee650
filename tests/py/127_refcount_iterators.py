# iterator objects hold references to what they iterate over
import sys
class C:
    pass
data = [C(), C(), C()]
print("list:", sys.getrefcount(data))
its = [iter(data), iter(data)]
print("two list iterators:", sys.getrefcount(data))
for it in its:
    for _ in it:
        pass
print("exhausted iterators released the list:", sys.getrefcount(data))
del its, it
e = enumerate(data)
z = zip(data, data)
r = reversed(data)
m = map(id, data)
print("enumerate/zip/reversed/map:", sys.getrefcount(data))
del e, z, r, m
print("dropped:", sys.getrefcount(data))
d = {1: C()}
ki = iter(d)
vi = iter(d.values())
print("dict iterators:", sys.getrefcount(d))
del ki, vi
print("dropped:", sys.getrefcount(d))
first = data[0]
it = iter(data)
got = next(it)
print("item obtained by next():", sys.getrefcount(first))
