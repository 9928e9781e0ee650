# gc.collect(generation): young collections miss garbage that was promoted; bad generations raise
import gc
gc.collect()
def cycle():
    l = []
    l.append(l)
    return l
a = cycle()
gc.collect(0)
del a
print("collect(0) after promotion to gen 1:", gc.collect(0))
print("collect(1):", gc.collect(1))
b = cycle()
gc.collect(1)
del b
print("collect(0), collect(1) after promotion to gen 2:", gc.collect(0), gc.collect(1))
print("collect(2):", gc.collect(2))
c = cycle()
del c
print("young garbage, collect(1):", gc.collect(1))
print(gc.collect(generation=0))
for bad in (3, -1, 100):
    try:
        gc.collect(bad)
    except ValueError as e:
        print(bad, type(e).__name__, e)
try:
    gc.collect("0")
except TypeError as e:
    print(type(e).__name__, e)
