# PEP 442: cycles whose members have __del__ are collected; gc.garbage stays empty
import gc
gc.collect()
class D:
    def __del__(self):
        pass
before = gc.get_stats()[2]["uncollectable"]
for i in range(10):
    a = D()
    b = D()
    a.b = b
    b.a = a
del a, b
print("collected:", gc.collect(), "garbage:", gc.garbage, "uncollectable delta:", gc.get_stats()[2]["uncollectable"] - before)
