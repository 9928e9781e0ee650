# closures: cell objects in __closure__ and gc.get_referents, cell_contents, shared cells
import gc
def make():
    a = [1]
    b = "s"
    def f():
        return a, b
    def g():
        a.append(2)
        return a
    return f, g
f, g = make()
print([type(c).__name__ for c in f.__closure__], f.__code__.co_freevars)
print(f.__closure__[0] is g.__closure__[0], f.__closure__[0].cell_contents)
g()
print(f()[0], f.__closure__[1].cell_contents)
refs = gc.get_referents(f)
print(any(r is f.__closure__ for r in refs), sorted(type(r).__name__ for r in refs))
cell = f.__closure__[0]
print(sorted(type(r).__name__ for r in gc.get_referents(cell)), gc.is_tracked(cell))
def no_closure():
    return 1
print(no_closure.__closure__, make.__code__.co_cellvars)
def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    def get():
        return n
    return inc, get
inc, get = counter()
print(inc(), inc(), get(), inc.__closure__[0].cell_contents)
def unbound():
    def inner():
        return x
    try:
        inner()
    except NameError as e:
        print("NameError:", e)
    x = 5
    return inner()
print(unbound())
def empty_cell():
    def inner():
        return y
    cells = inner.__closure__
    try:
        cells[0].cell_contents
    except ValueError as e:
        print("ValueError:", e)
    y = 1
    del y
    return inner
h = empty_cell()
try:
    h()
except NameError as e:
    print("NameError:", e)
