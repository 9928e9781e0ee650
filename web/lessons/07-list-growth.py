import sys

lst = []
last = sys.getsizeof(lst)
print(len(lst), last)
for i in range(20):
    lst.append(i)
    size = sys.getsizeof(lst)
    if size != last:
        print(len(lst), size)
        last = size
while lst:
    lst.pop()
    size = sys.getsizeof(lst)
    if size != last:
        print(len(lst), size)
        last = size
