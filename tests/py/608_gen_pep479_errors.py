# PEP 479 (StopIteration inside a generator -> RuntimeError), errors in generators, ValueError when running
def bad():
    yield 1
    raise StopIteration("inside")
b = bad()
print(next(b))
try:
    next(b)
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", repr(e.__cause__))
def next_on_empty():
    yield next(iter([]))
try:
    list(next_on_empty())
except RuntimeError as e:
    print("RuntimeError:", e, type(e.__cause__).__name__)
def reenter():
    yield next(r)
r = reenter()
try:
    next(r)
except ValueError as e:
    print("ValueError:", e)
def raiser():
    yield 1
    raise KeyError("kk")
rr = raiser()
next(rr)
try:
    next(rr)
except KeyError as e:
    print("KeyError:", e)
print(next(rr, "exhausted"))
def divide(xs):
    for x in xs:
        yield 10 // x
out = []
try:
    for v in divide([5, 2, 0, 1]):
        out.append(v)
except ZeroDivisionError as e:
    print(out, "ZeroDivisionError:", e)
try:
    next(5)
except TypeError as e:
    print("TypeError:", e)
try:
    (lambda: (yield))().send(1)
except TypeError as e:
    print("TypeError:", e)
