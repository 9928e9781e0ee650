# del and rebinding release references immediately
import sys
class C:
    pass
a = C()
names = []
b = a
c = a
names.append(sys.getrefcount(a))
b = 1
names.append(sys.getrefcount(a))
c = "other"
names.append(sys.getrefcount(a))
lst = [a, a]
names.append(sys.getrefcount(a))
lst[0] = None
names.append(sys.getrefcount(a))
del lst[1]
names.append(sys.getrefcount(a))
lst.append(a)
lst.pop()
names.append(sys.getrefcount(a))
d = {"x": a}
d["x"] = 0
names.append(sys.getrefcount(a))
t = (a,)
t = None
names.append(sys.getrefcount(a))
print(names)
x = [C() for i in range(3)]
first = x[0]
x[:] = []
print("slice assignment released items:", sys.getrefcount(first))
