x = 10 ** 92 ** 6
print(x > 0, x % 7)
print(str(x)[:3])
