# lowering threshold 0 below the current count triggers a collection at the next allocation
import gc
gc.collect()
gc.disable()
keep = [[] for i in range(100)]
before = gc.get_count()
gc.set_threshold(50, 10, 1000)
gc.enable()
keep.append([])
after = gc.get_count()
keep.append([])
after2 = gc.get_count()
gc.set_threshold(700, 10, 10)
print(before[0] > 50, before[1:], after, after2)
