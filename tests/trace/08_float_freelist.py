half = 1.5
x = half * 2
old = id(x)
del x
y = half * 3
print(id(y) == old)
