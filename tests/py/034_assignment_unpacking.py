# assignment forms: chained, tuple unpacking, starred targets, swaps, subscript/attr targets
a = b = c = [0]
print(a is b is c)
x, y = 1, 2
x, y = y, x
print(x, y)
(p, q), r = (1, 2), 3
print(p, q, r)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "abcd"
print(init, last)
h, *mid, t = range(6)
print(h, mid, t)
one, *none = [1]
print(one, none)
[m, n] = "mn"
print(m, n)
for i, (k, v) in enumerate({"a": 1, "b": 2}.items()):
    print(i, k, v)
d = {}
d["x"] = d["y"] = 5
print(d)
lst = [0, 0, 0]
i = 0
i, lst[i] = 1, 9
print(i, lst)
class Box:
    pass
bx = Box()
bx.a, bx.b = "A", "B"
print(bx.a, bx.b)
grid = [[0] * 3 for _ in range(2)]
grid[1][2] = 7
print(grid)
def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
def too_many():
    u, v = [1, 2, 3]
def too_few():
    u, v, w = [1, 2]
def not_iter():
    u, v = 5
def star_few():
    u, v, *w = [1]
show(too_many)
show(too_few)
show(not_iter)
show(star_few)
