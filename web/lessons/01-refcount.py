import sys

a = []
print(sys.getrefcount(a))
b = a
print(sys.getrefcount(a))
c = [a, a]
print(sys.getrefcount(a))
del b
print(sys.getrefcount(a))
c.pop()
print(sys.getrefcount(a))
del c
print(sys.getrefcount(a))
