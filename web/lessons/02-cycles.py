import gc
import sys

class Node:
    def __init__(self, name):
        self.name = name
        self.other = None

gc.collect()
a = Node("a")
b = Node("b")
a.other = b
b.other = a
print(sys.getrefcount(a))
del a, b
print(gc.collect())
print(gc.collect())
