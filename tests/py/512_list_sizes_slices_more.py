# list sizes after extended-slice deletion/assignment, self-extend, += tuple, sort/reverse, insert at 0, slice replace
import sys
g = sys.getsizeof
l = list(range(40))
del l[::2]
print(len(l), g(l))
del l[::3]
print(len(l), g(l))
l[::2] = [0] * len(l[::2])
print(g(l))
l.extend(l)
print(len(l), g(l))
l += (1, 2)
print(len(l), g(l))
l.sort(reverse=True)
print(g(l))
l.reverse()
print(g(l))
m = []
for i in range(20):
    m.insert(0, i)
print(g(m))
m[2:2] = list(range(30))
print(len(m), g(m))
m[:] = m[:5]
print(len(m), g(m))
n = [1] * 10
n.extend(range(5))
print(g(n))
n.extend(iter([1] * 3))
print(g(n))
n.extend(map(int, "12"))
print(g(n))
o = [None] * 100
o[10:] = []
print(g(o))
o.append(1)
print(g(o))
p = list(range(9))
p.remove(0)
p.pop(0)
print(g(p), g(p * 0), g(p[:0]))
q = [1, 2, 3]
q[1:1] = q
print(q, g(q))
r = list(range(1000))
r[:] = []
print(g(r))
