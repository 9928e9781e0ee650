# gen-0 count: -1 when a GC object is freed to pymalloc; objects cached on a free list don't change it
import gc
gc.disable()
class A:
    pass
gc.collect()
r = []
c = gc.get_count()[0]
r.append(gc.get_count()[0] - c)
x = A()
r.append(gc.get_count()[0] - c)
del x
r.append(gc.get_count()[0] - c)
y = [1]
r.append(gc.get_count()[0] - c)
del y
r.append(gc.get_count()[0] - c)
z = []
r.append(gc.get_count()[0] - c)
print("instance alloc/free, list alloc, free (to free list), realloc (from free list):", r)
gc.collect()
c = gc.get_count()[0]
insts = [A() for i in range(30)]
n1 = gc.get_count()[0] - c
del insts
n2 = gc.get_count()[0] - c
print("30 instances created and freed:", n1, n2)
gc.collect()
c = gc.get_count()[0]
ls = [[] for i in range(100)]
n1 = gc.get_count()[0] - c
del ls
n2 = gc.get_count()[0] - c
ls2 = [[] for i in range(100)]
n3 = gc.get_count()[0] - c
print("100 lists created, freed (80 cached), created again:", n1, n2, n3)
gc.enable()
