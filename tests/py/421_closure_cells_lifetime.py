# closures: cells shared between functions, late binding, cells keep values alive, cycles through cells
import gc
import sys
gc.collect()
def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    def get():
        return n
    return inc, get
inc, get = counter()
inc()
inc()
print(get(), inc.__closure__[0] is get.__closure__[0], type(inc.__closure__[0]).__name__)
print(inc.__closure__[0].cell_contents)
fs = []
for i in range(3):
    fs.append(lambda: i)
print([f() for f in fs])
fs = []
for i in range(3):
    fs.append(lambda i=i: i)
print([f() for f in fs])
class Big:
    def __del__(self):
        print("Big freed")
def hold():
    b = Big()
    def use():
        return b
    return use
u = hold()
print("closure alive")
del u
print("after del")
def rec():
    def me():
        return me
    return me
r = rec()
print(r() is r, gc.is_tracked(r.__closure__[0]))
del r
print("collected:", gc.collect())
def make():
    x = [1, 2]
    return lambda: x
lx = make()
print(sys.getrefcount(lx.__closure__[0].cell_contents))
