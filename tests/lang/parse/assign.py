x = 1
x = y = 1
x, y = 1, 2
(x, y) = z
[x, y] = z
x, *y = z
*x, y = z
[*x] = z
(x) = 1
x.a = 1
x[0] = 1
x[0:1] = 1
x, = z
a, (b, c), [d, *e] = f
x = yield
x = yield y
x = y, z
x = *y, z
