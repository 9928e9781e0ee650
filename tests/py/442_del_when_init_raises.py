# __del__ runs for an instance whose __init__ raised; attributes set before the error are visible
import gc
gc.collect()
class Half:
    def __init__(self, fail):
        self.a = "set"
        if fail:
            raise ValueError("init failed")
        self.b = "also set"
    def __del__(self):
        print("__del__", hasattr(self, "a"), hasattr(self, "b"))
try:
    Half(True)
except ValueError as e:
    print("caught", e)
print("after failure")
h = Half(False)
del h
print("after success")
class NoInit:
    def __del__(self):
        print("__del__ of object created by __new__ only")
try:
    NoInit(1)
except TypeError as e:
    print(type(e).__name__, e)
print("end")
