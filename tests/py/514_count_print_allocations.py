# what print() itself allocates in gen 0 (CPython's io stack: TextIOWrapper pending list, encoded bytes chunks)
import gc
gc.collect()
gc.disable()
out = [None] * 6
out[0] = gc.get_count()
print("hello")
out[1] = gc.get_count()
print("a", 1, [2])
out[2] = gc.get_count()
print(out[:3])
out[3] = gc.get_count()
gc.enable()
print(out)
