# list capacity while popping: shrinks only when the size falls below half the capacity
import sys
HDR = sys.getsizeof([])
def cap(l):
    return (sys.getsizeof(l) - HDR) // 8
for n in (10, 100, 1000):
    l = []
    for i in range(n):
        l.append(i)
    prev = cap(l)
    steps = [(len(l), prev)]
    while l:
        l.pop()
        c = cap(l)
        if c != prev:
            steps.append((len(l), c))
            prev = c
    print(n, steps)
l = [0] * 100
l.pop(0)
print("pop(0) from [0]*100:", cap(l))
while len(l) > 40:
    l.pop(0)
print("after front pops to 40:", len(l), cap(l))
l.append(1)
print("append after shrink:", cap(l))
