# a tuple taken from the free list is tracked again; an untracked tuple's untracking does not stick
import gc
gc.collect()
a = 1
t = (a, 2)
gc.collect(0)
print("atomic tuple untracked:", gc.is_tracked(t))
addr = id(t)
del t
u = (a, 3)
print("same memory from the free list:", id(u) == addr, "tracked again:", gc.is_tracked(u))
gc.collect(0)
print("and untracked by the next collection:", gc.is_tracked(u))
l = [a]
v = (a, l)
gc.collect(0)
print("tuple holding a list stays tracked:", gc.is_tracked(v))
