# untracked containers attached to cyclic garbage are freed by refcounting, not counted by the collector
import gc
gc.collect()
class A:
    pass
a = A()
a.me = a
a.config = {"x": 1, "y": "s"}
a.point = (1, 2.5)
a.nums = [1, 2, 3]
del a
print("instance + list (untracked dict and constant tuple not counted):", gc.collect())
b = A()
b.me = b
b.t = (b.me, 1)
del b
print("instance + tracked tuple:", gc.collect())
c = A()
c.me = c
vars(c)
c.d = {"k": 1}
del c
print("instance + materialised dict + untracked dict value:", gc.collect())
