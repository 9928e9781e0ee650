def make(n):
    items = [n] * 3
    return items
x = make(7)
print(len(x))
