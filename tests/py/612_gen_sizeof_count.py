# sys.getsizeof of generators (frame size from the code's stack depth and locals), gc counts of creation
import gc, sys
def small():
    yield 1
def many_locals(a, b, c):
    d = e = f = g = h = 0
    yield a + b + c + d + e + f + g + h
def deep():
    yield [1, 2, [3, 4, [5, 6, (7, 8, {9: 10})]]]
print(sys.getsizeof(small()), sys.getsizeof(many_locals(1, 2, 3)), sys.getsizeof(deep()))
print(sys.getsizeof(x for x in ()), sys.getsizeof((x, y) for x in () for y in ()))
gc.collect()
gc.disable()
out = []
c0 = gc.get_count()[0]
g1 = small()
out.append(gc.get_count()[0] - c0)
next(g1)
out.append(gc.get_count()[0] - c0)
g2 = (v for v in range(3))
out.append(gc.get_count()[0] - c0)
total = sum(g2)
out.append(gc.get_count()[0] - c0)
del g1
out.append(gc.get_count()[0] - c0)
lst = list(small())
out.append(gc.get_count()[0] - c0)
gc.enable()
print(out, total, lst)
