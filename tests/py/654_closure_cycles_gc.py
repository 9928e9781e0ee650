# closures that form reference cycles (function <-> cell) are collected; weakrefs to them die
import gc, weakref
gc.collect()
class Tracker:
    def __del__(self):
        print("Tracker.__del__")
def make_recursive():
    t = Tracker()
    def fact(n):
        t
        return 1 if n <= 1 else n * fact(n - 1)
    return fact
f = make_recursive()
print(f(5))
w = weakref.ref(f)
del f
print("before collect", w() is not None)
print(gc.collect() >= 3, w() is None)
def self_ref():
    def inner():
        return inner
    return inner
i = self_ref()
print(i() is i, i.__closure__[0].cell_contents is i)
wi = weakref.ref(i)
del i
gc.collect()
print(wi() is None)
def counter_pair():
    state = {"n": 0}
    def inc():
        state["n"] += 1
        return get()
    def get():
        return state["n"]
    return inc
inc = counter_pair()
print(inc(), inc())
del inc
print(gc.collect() > 0)
