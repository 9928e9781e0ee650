m = iter([1])
for i in range(1000000):
    m = map(abs, m)
del m
print("freed")
