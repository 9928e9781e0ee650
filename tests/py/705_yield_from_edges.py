# yield from edge cases: plain iterators (no send/throw), inner close/throw methods, inner returning on GeneratorExit, self-referents, closing a running generator
import gc, sys
class It:
    def __init__(self): self.i = 0
    def __iter__(self): return self
    def __next__(self):
        self.i += 1
        if self.i > 3: raise StopIteration(self.i * 100)
        return self.i
def deleg():
    r = yield from It()
    yield "ret %r" % r
d = deleg()
print(next(d))
try:
    d.send(5)
except AttributeError as e:
    print("AttributeError:", e)
d2 = deleg(); next(d2)
try:
    d2.throw(KeyError("k"))
except KeyError as e:
    print("KeyError thrown through plain iterator", e)
d3 = deleg(); next(d3)
d3.close()
print("closed", d3.gi_frame)
class WithClose(It):
    def close(self): print("inner close called")
    def throw(self, *a):
        print("inner throw called", a[0].__name__ if isinstance(a[0], type) else type(a[0]).__name__)
        return "from throw"
def deleg2():
    yield from WithClose()
e = deleg2(); next(e)
print(e.throw(ValueError("v")))
e.close()
def inner_ignores():
    while True:
        try:
            yield 1
        except GeneratorExit:
            print("inner got GeneratorExit")
            return "inner done"
def outer():
    r = yield from inner_ignores()
    print("outer after inner:", r)
    yield 2
o = outer(); next(o)
try:
    o.close()
except RuntimeError as e:
    print("RuntimeError:", e)
def self_referents():
    yield [type(r).__name__ for r in gc.get_referents(me)]
me = self_referents()
print(next(me))
def running_close():
    me2.close()
    yield
me2 = running_close()
try:
    next(me2)
except ValueError as e:
    print("ValueError:", e)
def yf_gen_send():
    x = yield from acc()
    yield x
def acc():
    t = 0
    while True:
        v = yield t
        if v is None: return t
        t += v
g = yf_gen_send(); next(g)
g.send(3); g.send(4)
print(g.send(None))
