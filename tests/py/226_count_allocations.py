# gen-0 count: +1 per GC-object allocation (tracked or not), nothing for ints/strs/floats
import gc
gc.disable()
class A:
    pass
gc.collect()
keep = [None] * 10
marks = []
c0 = gc.get_count()[0]
marks.append(gc.get_count()[0] - c0)
keep[0] = [1, 2, 3]
marks.append(gc.get_count()[0] - c0)
keep[1] = {"a": 1}
marks.append(gc.get_count()[0] - c0)
keep[2] = A()
marks.append(gc.get_count()[0] - c0)
keep[3] = 10**40
keep[4] = "x" * 1000
keep[5] = 2.5 * c0
marks.append(gc.get_count()[0] - c0)
keep[6] = {1, 2}
keep[7] = frozenset([3])
marks.append(gc.get_count()[0] - c0)
keep[8] = (c0, c0)
marks.append(gc.get_count()[0] - c0)
print(marks)
gc.collect()
start = gc.get_count()[0]
many = [[] for i in range(100)]
after_lists = gc.get_count()[0] - start
objs = [A() for i in range(50)]
after_instances = gc.get_count()[0] - start
print(after_lists, after_instances)
gc.enable()
