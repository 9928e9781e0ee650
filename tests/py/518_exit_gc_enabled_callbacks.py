# at exit with gc enabled and a gc callback: callbacks run for the first exit collection only; late __del__ output is lost
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
gc.enable()
print("end, gc enabled")
