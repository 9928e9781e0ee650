# code objects of generators: co_code/co_exceptiontable/co_stacksize/f_lasti as 3.11 compiles them
import sys
def g(a):
    b = a + 1
    yield b
    c = [b]
    yield c
x = g(1)
print(x.gi_frame.f_lasti)
next(x)
print(x.gi_frame.f_lasti, x.gi_frame.f_lineno)
next(x)
print(x.gi_frame.f_lasti)
try:
    x.gi_frame.clear()
except RuntimeError as e:
    print(e)
x.close()
print(len(g.__code__.co_code), g.__code__.co_stacksize, g.__code__.co_names, g.__code__.co_consts)
gx = (i for i in range(3))
print(gx.gi_code.co_consts, gx.gi_code.co_stacksize, len(gx.gi_code.co_code), gx.gi_code.co_firstlineno)
print(list(g.__code__.co_lines())[:4])
print(g.__code__.co_exceptiontable)
def h():
    try:
        yield 1
    finally:
        pass
print(h.__code__.co_exceptiontable, len(h.__code__.co_code), h.__code__.co_stacksize)
def w():
    with open_cm() as f:
        yield f
print(w.__code__.co_exceptiontable, w.__code__.co_stacksize, len(w.__code__.co_code))
def yf():
    yield from [1]
print(yf.__code__.co_code.hex())
