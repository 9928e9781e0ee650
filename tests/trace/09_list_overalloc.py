import sys
l = []
for i in range(5):
    l.append(i)
    print(len(l), sys.getsizeof(l))
l.pop()
print(sys.getsizeof(l))
