base = 3.5
x = base * 2
first = id(x)
del x
y = base * 3
print(id(y) == first)
n = 7
t = (n, n, n)
third = id(t)
del t
u = (n, n)
print(id(u) == third)
w = (n, n, n)
print(id(w) == third)
