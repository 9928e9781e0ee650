# lazy iterators (map, filter, zip, enumerate) keep their inputs until they are dropped
import sys
class C:
    pass
data = [C(), C()]
f = lambda v: v
print("list:", sys.getrefcount(data), "function:", sys.getrefcount(f))
m = map(f, data)
print("with a map object:", sys.getrefcount(data), sys.getrefcount(f))
out = list(m)
print("map exhausted (its list iterator let go of the list, the function is still held):", sys.getrefcount(data), sys.getrefcount(f))
del m
print("map dropped:", sys.getrefcount(data), sys.getrefcount(f))
flt = filter(f, data)
z = zip(data, data)
e = enumerate(data)
print("filter, zip(x2), enumerate:", sys.getrefcount(data))
for _ in z:
    pass
print("zip exhausted (only the first iterator ran dry and let go):", sys.getrefcount(data))
del flt, z, e
print("all dropped:", sys.getrefcount(data))
