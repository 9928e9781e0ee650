# send/throw edge cases: StopIteration thrown in, StopIteration raised on close, return values as tuples
import sys
def gen():
    x = yield
    while True:
        x = yield x * 2
g = gen()
g.send(None)
print([g.send(i) for i in range(3)])
print(g.throw(StopIteration) if False else "skip")
try:
    g.throw(StopIteration("x"))
except RuntimeError as e:
    print("RT", e)
def gen2():
    try:
        yield
    except GeneratorExit:
        print("GE", sys.getrefcount(1) > 0)
        raise StopIteration
g2 = gen2(); next(g2)
try:
    g2.close()
    print("closed ok")
except RuntimeError as e:
    print("RT", e)
def gen3():
    yield 1
g3 = gen3()
print(g3.throw(ValueError) if False else "")
try:
    g3.throw(ValueError, ValueError("a"), None)
except ValueError as e:
    print("VE", e)
try:
    g3.throw(1)
except TypeError as e: print("TE", e)
def gen4():
    r = yield
    return r
g4 = gen4(); next(g4)
try: g4.send([1,2])
except StopIteration as e: print(e.value, e.args)
g5 = gen4(); next(g5)
try: g5.send((1,))
except StopIteration as e: print(e.value, e.args)
g6 = gen4(); next(g6)
try: g6.send(StopIteration(3))
except StopIteration as e: print(repr(e.value), e.args)
