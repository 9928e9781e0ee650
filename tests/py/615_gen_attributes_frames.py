# generator attributes: gi_frame.f_locals/f_lineno, gi_yieldfrom, __name__/__qualname__, gi_code flags
def inner():
    yield "i"
    yield "j"
def outer(a):
    b = a * 2
    yield b
    yield from inner()
class Holder:
    def meth(self):
        yield 1
o = outer(5)
print(o.__name__, o.__qualname__, Holder().meth().__qualname__, o.gi_code.co_flags & 0x20 != 0)
print(o.gi_frame.f_lineno, o.gi_frame.f_lasti >= 0 or True, o.gi_yieldfrom)
next(o)
print(sorted(o.gi_frame.f_locals.items()), o.gi_frame.f_lineno)
next(o)
print(type(o.gi_yieldfrom).__name__, o.gi_yieldfrom.gi_frame.f_lineno, o.gi_frame.f_lineno)
o.__name__ = "renamed"
print(o.__name__, o.gi_code.co_name)
list(o)
print(o.gi_yieldfrom, o.gi_frame)
def flags():
    return 1
print(flags.__code__.co_flags & 0x20, outer.__code__.co_varnames, outer.__code__.co_argcount)
g = (c for c in "xy")
print(g.__name__, g.gi_code.co_varnames, g.gi_frame.f_locals == {".0": g.gi_frame.f_locals[".0"]})
