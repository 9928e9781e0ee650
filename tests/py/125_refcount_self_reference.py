# objects referring to themselves count that reference
import sys
l = []
print(sys.getrefcount(l))
l.append(l)
print(sys.getrefcount(l))
l.append(l)
print(sys.getrefcount(l))
l.clear()
print(sys.getrefcount(l))
d = {}
d["me"] = d
d["again"] = d
print(sys.getrefcount(d))
class Node:
    pass
n = Node()
n.next = n
n.prev = n
print(sys.getrefcount(n))
a = Node()
b = Node()
a.peer = b
b.peer = a
print(sys.getrefcount(a), sys.getrefcount(b))
del b
print(sys.getrefcount(a), sys.getrefcount(a.peer))
t = ([],)
t[0].append(t)
print(sys.getrefcount(t), sys.getrefcount(t[0]))
