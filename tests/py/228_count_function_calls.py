# calling functions and methods does not allocate GC objects in 3.11 (frames live on a stack),
# but creating closures, bound methods and comprehensions does
import gc
gc.disable()
class A:
    def m(self):
        return 1
def plain(x):
    return x + 1
def make_closure():
    v = 1
    def inner():
        return v
    return inner
a = A()
gc.collect()
res = []
c = gc.get_count()[0]
for i in range(100):
    plain(i)
res.append(gc.get_count()[0] - c)
for i in range(100):
    a.m()
res.append(gc.get_count()[0] - c)
f = make_closure()
res.append(gc.get_count()[0] - c)
bm = a.m
res.append(gc.get_count()[0] - c)
sq = [i for i in range(3)]
res.append(gc.get_count()[0] - c)
print(res)
gc.enable()
