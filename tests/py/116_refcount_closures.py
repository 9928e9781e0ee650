# references held by closure cells
import sys
class C:
    pass
def make(o):
    def inner():
        return o
    return inner
obj = C()
print("before:", sys.getrefcount(obj))
f = make(obj)
print("captured by one closure:", sys.getrefcount(obj))
g = make(obj)
print("two closures:", sys.getrefcount(obj))
del f
print("one closure dropped:", sys.getrefcount(obj))
del g
print("both dropped:", sys.getrefcount(obj))
def counter():
    state = C()
    def get():
        return state
    def count():
        return sys.getrefcount(state)
    return get, count
get, count = counter()
print("cell only (inside):", count())
s = get()
print("cell + module name:", count(), sys.getrefcount(s))
def lambdas(o):
    fs = [lambda: o for _ in range(3)]
    return fs
fs = lambdas(obj)
print("3 lambdas share one cell:", sys.getrefcount(obj))
fs = None
print("dropped:", sys.getrefcount(obj))
