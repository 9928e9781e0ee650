# at exit, cycles frozen by gc.freeze() are never finalized; young cyclic garbage is
import gc
gc.collect()
class D:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n)
a = D("frozen cycle")
a.me = a
del a
gc.freeze()
b = D("young cycle")
b.me = b
del b
print("end", gc.get_freeze_count() > 0)
