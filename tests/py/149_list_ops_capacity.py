# capacity effects of +=, *=, sort, reverse, remove, copy and concatenation
import sys
HDR = sys.getsizeof([])
def cap(l):
    return (sys.getsizeof(l) - HDR) // 8
l = [1, 2, 3]
print("literal:", cap(l))
l += [4]
print("+= [4]:", cap(l))
l += l
print("+= itself:", len(l), cap(l))
l *= 3
print("*= 3:", len(l), cap(l))
l *= 1
print("*= 1:", len(l), cap(l))
l.sort()
l.reverse()
print("sort/reverse:", cap(l))
c = l + [0]
print("concatenation:", len(c), cap(c))
m = [0] * 8
m *= 0
print("*= 0:", len(m), cap(m))
n = []
for i in range(20):
    n.append(i)
for i in range(15):
    n.remove(i)
print("after 15 removes:", len(n), cap(n))
r = [None] * 10
r.insert(5, 0)
print("insert into full [None]*10:", cap(r))
s = list(range(10))
s.append(10)
print("append to list(range(10)):", cap(s))
