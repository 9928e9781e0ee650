import sys
x = [10, 20]
y = x
del x
print(sys.getrefcount(y))
y = None
print("list freed")
