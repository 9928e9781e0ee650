# gc.collect(generation): garbage in an older generation is not found by a younger collection
import gc
gc.disable()
gc.collect()
class A:
    pass
def make_cycle():
    a = A()
    a.me = a
    return a
c = make_cycle()
gc.collect(0)
del c
print("gen-1 garbage, collect(0):", gc.collect(0))
print("collect(1):", gc.collect(1))
c = make_cycle()
gc.collect(0)
gc.collect(1)
del c
print("gen-2 garbage, collect(0):", gc.collect(0), "collect(1):", gc.collect(1), "collect(2):", gc.collect(2))
c1 = make_cycle()
c2 = make_cycle()
gc.collect(0)
c3 = make_cycle()
del c1, c2, c3
print("mixed gens, collect(1) takes both:", gc.collect(1))
print("default argument is 2:", gc.collect())
for bad in (3, -1):
    try:
        gc.collect(bad)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    gc.collect("0")
except TypeError as e:
    print(type(e).__name__, e)
gc.enable()
