# list capacity after slice assignment and slice deletion
import sys
HDR = sys.getsizeof([])
def cap(l):
    return (sys.getsizeof(l) - HDR) // 8
def fresh(n):
    l = []
    for i in range(n):
        l.append(i)
    return l
l = fresh(100)
print("start:", len(l), cap(l))
del l[50:]
print("del l[50:]:", len(l), cap(l))
del l[10:]
print("del l[10:]:", len(l), cap(l))
l[2:4] = range(20)
print("grow by slice:", len(l), cap(l))
l[:] = []
print("l[:] = []:", len(l), cap(l))
l[:] = range(7)
print("l[:] = range(7):", len(l), cap(l))
l = fresh(100)
l[10:90] = []
print("remove middle 80:", len(l), cap(l))
l = fresh(100)
l[::2] = range(50)
print("extended slice keeps capacity:", len(l), cap(l))
del l[::2]
print("del extended slice:", len(l), cap(l))
l = fresh(20)
l[len(l):] = [0] * 5
print("append by slice:", len(l), cap(l))
l[0:0] = [0] * 100
print("insert 100 at front:", len(l), cap(l))
del l[:]
print("del l[:]:", len(l), cap(l))
