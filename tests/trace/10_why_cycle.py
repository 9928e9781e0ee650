import gc, weakref
gc.collect()
class Node:
    pass
a = Node()
a.other = Node()
a.other.other = a
r = weakref.ref(a)
del a
print(r() is not None)
