# gen-0 count deltas for what different statements allocate (functions, closures, comprehensions, iterators, weakrefs)
import gc
import weakref
gc.disable()
class A:
    pass
gc.collect()
keep = [None] * 20
marks = [0] * 20
c0 = gc.get_count()[0]
def f():
    return 1
marks[0] = gc.get_count()[0] - c0
x = 5
keep[0] = lambda: x
marks[1] = gc.get_count()[0] - c0
keep[1] = [i for i in range(3)]
marks[2] = gc.get_count()[0] - c0
keep[2] = {i: i for i in range(3)}
marks[3] = gc.get_count()[0] - c0
keep[3] = iter([1])
marks[4] = gc.get_count()[0] - c0
keep[4] = enumerate(keep)
marks[5] = gc.get_count()[0] - c0
keep[5] = A()
keep[6] = weakref.ref(keep[5])
marks[6] = gc.get_count()[0] - c0
keep[7] = "a b c".split()
marks[7] = gc.get_count()[0] - c0
keep[8] = range(10)
keep[9] = b"bytes" * 3
marks[8] = gc.get_count()[0] - c0
keep[10] = ValueError("v")
marks[9] = gc.get_count()[0] - c0
keep[11] = keep[5].__init__
marks[10] = gc.get_count()[0] - c0
keep[12] = bytearray(5)
keep[13] = zip(keep, keep)
marks[11] = gc.get_count()[0] - c0
keep[14] = vars(keep[5])
marks[12] = gc.get_count()[0] - c0
keep[15] = len([1, 2, 3]) + sum((1, 2))
marks[13] = gc.get_count()[0] - c0
gc.enable()
print(marks)
