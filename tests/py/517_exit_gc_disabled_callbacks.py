# at exit with gc disabled and a gc callback holding the module: the final collection runs no callbacks; late __del__ output is lost
import gc
gc.collect()
class D:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n)
def cb(phase, info):
    print("callback", phase, info["generation"])
a = D("cycle")
a.me = a
del a
b = D("global")
gc.callbacks.append(cb)
gc.disable()
print("end, gc disabled")
