# locals are released when the function returns, in the order of the frame's variables
import gc
gc.collect()
class D:
    def __init__(self, tag):
        self.tag = tag
    def __del__(self):
        print("del", self.tag)
def f(arg):
    first = D("first")
    second = D("second")
    third = D("third")
    print("returning")
    return "value"
print(f(D("arg")))
def g():
    keep = D("returned")
    drop = D("dropped")
    return keep
r = g()
print("got", r.tag)
del r
def h():
    x = D("x1")
    x = D("x2")
    print("h end")
h()
def raiser():
    obj = D("in raising frame")
    raise ValueError("boom")
try:
    raiser()
except ValueError:
    print("handled")
print("after handler")
