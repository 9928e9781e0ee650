print((1, 2)
x = 3
print(x)
