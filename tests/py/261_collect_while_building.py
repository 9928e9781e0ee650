# automatic collections while a big structure is built: everything reachable survives
import gc
gc.collect()
gc.set_threshold(100, 10, 1000)
class Node:
    pass
root = Node()
root.children = []
for i in range(2000):
    n = Node()
    n.parent = root
    root.children.append(n)
gc.set_threshold(700, 10, 10)
print(len(root.children), root.children[1999].parent is root)
print("nothing of it is garbage:", gc.collect())
del root, n
print("the whole tree is one cyclic garbage set:", gc.collect())
