# list.pop/remove/del/clear and the shrink rule: capacity halves only when len < allocated/2
import sys
lst = list(range(100))
print(sys.getsizeof(lst))
trace = []
while lst:
    lst.pop()
    sz = sys.getsizeof(lst)
    if not trace or trace[-1][1] != sz:
        trace.append((len(lst), sz))
print(trace)
lst = []
for i in range(50):
    lst.append(i)
print("grown:", sys.getsizeof(lst))
trace = []
while lst:
    lst.pop(0)
    sz = sys.getsizeof(lst)
    if not trace or trace[-1][1] != sz:
        trace.append((len(lst), sz))
print("pop(0):", trace)
lst = list(range(40))
lst.remove(5)
print("remove:", sys.getsizeof(lst))
del lst[5:30]
print("del slice:", len(lst), sys.getsizeof(lst))
del lst[:]
print("del all:", sys.getsizeof(lst))
lst = list(range(40))
lst.clear()
print("clear:", sys.getsizeof(lst))
lst = [0] * 17
lst[3:] = []
print("slice assign empty:", sys.getsizeof(lst))
lst = list(range(30))
lst *= 0
print("*= 0:", sys.getsizeof(lst))
try:
    [].pop()
except IndexError as e:
    print(type(e).__name__, e)
try:
    [1].pop(5)
except IndexError as e:
    print(type(e).__name__, e)
