# list capacity while appending, inferred from sys.getsizeof: 56 + 8 * capacity
import sys
HDR = sys.getsizeof([])
def cap(l):
    return (sys.getsizeof(l) - HDR) // 8
l = []
prev = cap(l)
steps = []
for i in range(1, 2001):
    l.append(None)
    c = cap(l)
    if c != prev:
        steps.append((len(l), c))
        prev = c
print(HDR)
print(steps)
print(sys.getsizeof(l), len(l))
