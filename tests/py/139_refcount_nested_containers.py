# references through nested containers, copies and shallow copies
import sys
class C:
    pass
inner = [C()]
outer = [inner, inner]
print("inner list held by outer twice:", sys.getrefcount(inner))
shallow = outer[:]
print("shallow copy adds refs to inner:", sys.getrefcount(inner))
item = inner[0]
print("the object (inner's slot + the name item):", sys.getrefcount(item))
deep = [list(x) for x in outer]
print("copies of inner reference the object:", sys.getrefcount(item))
d = {"a": outer, "b": [outer]}
print("outer in dict and in a list in the dict:", sys.getrefcount(outer))
t = tuple(outer)
print("tuple(outer):", sys.getrefcount(inner))
del shallow, deep, t
print("after dropping copies:", sys.getrefcount(inner), sys.getrefcount(item))
