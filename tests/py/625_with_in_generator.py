# with blocks inside generators: __exit__ runs on close, on exhaustion and on gc of the generator
import gc
gc.collect()
class CM:
    def __init__(self, n):
        self.n = n
    def __enter__(self):
        print("enter", self.n)
        return self
    def __exit__(self, et, ev, tb):
        print("exit", self.n, et.__name__ if et else None)
def g(n):
    with CM(n):
        yield 1
        yield 2
for v in g("loop"):
    pass
a = g("close")
next(a)
a.close()
b = g("del")
next(b)
del b
c = g("cycle")
next(c)
box = [c]
box.append(box)
del c, box
print("collecting")
gc.collect()
d = g("throw")
next(d)
try:
    d.throw(KeyError("k"))
except KeyError:
    print("KeyError escaped")
e = g("exit")
next(e)
print("end")
