# tuple(): construction, methods, operators, errors
print(tuple(), tuple([1, 2]), tuple("ab"), tuple(range(3)), tuple({5: 0}))
t = (1, 2, 3, 2)
print(t[0], t[-1], t[1:3], t[::-1], len(t), t.count(2), t.index(3))
print(t + (4,), (0,) * 3, () * 5, 2 * (1, 2), (1,) + ())
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), () < (0,), (1, "a") == (1, "a"))
print(2 in t, 9 in t, (1, 2) in [(1, 2)])
a, b, c = (7, 8, 9)
print(a, b, c)
x = 1, 2
print(x, type(x).__name__)
single = 5,
print(single, (5), ((5,)))
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0], nested)
def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
show(lambda: t[10])
show(lambda: t.index(99))
show(lambda: t + [1])
show(lambda: tuple(5))
def assign():
    t[0] = 5
show(assign)
def delete():
    del t[0]
show(delete)
show(lambda: hash((1, [2])))
show(lambda: (1, 2) < (1, "a"))
