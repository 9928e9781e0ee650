# generator send/throw: values in and out, errors, throw handled inside
def acc():
    total = 0
    while True:
        x = yield total
        if x is None:
            break
        total += x
    return total
a = acc()
print(a.send(None), a.send(5), a.send(7))
try:
    a.send(None)
except StopIteration as e:
    print("final", e.value)
b = acc()
try:
    b.send(3)
except TypeError as e:
    print("TypeError:", e)
def catcher():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            yield "caught " + str(e)
c = catcher()
print(next(c))
print(c.throw(ValueError("boom")))
print(next(c))
try:
    c.throw(KeyError("k"))
except KeyError as e:
    print("propagated", repr(e))
print(c.gi_frame is None)
d = catcher()
try:
    d.throw(ValueError("early"))
except ValueError as e:
    print("unstarted throw", e)
try:
    next(d)
except StopIteration:
    print("d exhausted")
e = catcher()
next(e)
print(e.throw(ValueError, "cls+arg"))
