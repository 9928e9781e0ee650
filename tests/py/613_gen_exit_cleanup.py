# generators still suspended at exit: finally blocks and __del__ of their locals run at teardown
import gc
gc.collect()
class Res:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("Res.__del__", self.n)
def worker(n):
    r = Res(n)
    try:
        yield n
        yield n + 1
    finally:
        print("worker finally", n)
w1 = worker(1)
next(w1)
w2 = worker(2)
next(w2)
del w2
print("end of script")
