# temporaries freed within the statement give back their gen-0 count; survivors keep it
import gc
gc.disable()
gc.collect()
marks = [0] * 12
c0 = gc.get_count()[0]
n = len([1, 2, 3])
marks[0] = gc.get_count()[0] - c0
t = sorted([3, 1, 2])
marks[1] = gc.get_count()[0] - c0
s = sum([i for i in range(10)])
marks[2] = gc.get_count()[0] - c0
d = dict(a=1)
marks[3] = gc.get_count()[0] - c0
del d
marks[4] = gc.get_count()[0] - c0
del t
marks[5] = gc.get_count()[0] - c0
def g(*args):
    return len(args)
g(1, 2, 3)
marks[6] = gc.get_count()[0] - c0
for i in range(5):
    tmp = [i]
marks[7] = gc.get_count()[0] - c0
del tmp
marks[8] = gc.get_count()[0] - c0
ok = "x" in {"x": 1}
marks[9] = gc.get_count()[0] - c0
gc.enable()
print(marks)
