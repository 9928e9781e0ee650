# yield from: delegation of next/send/throw/close and the return value
def inner():
    got = yield "i1"
    print("inner got", got)
    try:
        yield "i2"
    except KeyError as e:
        print("inner caught", repr(e))
        yield "i3"
    return "inner result"
def outer():
    r = yield from inner()
    print("outer got", r)
    yield "o1"
o = outer()
print(next(o))
print(o.send("hello"))
print(o.throw(KeyError("x")))
print(next(o))
print(next(o, "end"))
def closing():
    try:
        yield 1
    finally:
        print("inner closed")
def outer2():
    try:
        yield from closing()
    finally:
        print("outer closed")
p = outer2()
next(p)
p.close()
def chain(*its):
    for it in its:
        yield from it
print(list(chain([1, 2], (3,), "ab", range(2))))
def ret():
    yield from []
    return 42
def wrap():
    v = yield from ret()
    yield v
print(list(wrap()))
def sub_stop():
    x = yield from iter([1, 2])
    yield x
print(list(sub_stop()))
