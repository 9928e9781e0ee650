if (n := len(a)) > 10:
    pass
while (chunk := f()):
    pass
x = (y := 1)
print(z := 2)
[y := 1, y ** 2]
a[b := 1]
(x := 1, y := 2)
