x
(x)
((x))
a.b.c(d)[e].f
(yield)
-1
(-1) ** 2
2 ** -1
a[1:2][::3]
x if y else z
*a, b = c
print(*a)
not x in y
(a, b) = c, d
x = not y
