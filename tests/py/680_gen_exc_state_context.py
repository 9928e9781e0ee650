# exception state across yields without sys.exc_info: bare raise and implicit __context__ inside/outside
def in_handler():
    try:
        raise KeyError("gen")
    except KeyError:
        yield 1
        try:
            raise ValueError("in gen after resume")
        except ValueError as e:
            yield repr(e.__context__)
    try:
        raise TypeError("after handler")
    except TypeError as e:
        yield repr(e.__context__)
g = in_handler()
next(g)
try:
    raise IndexError("caller")
except IndexError as e:
    print("caller context", repr(e.__context__))
    print(next(g))
    try:
        raise OSError("caller 2")
    except OSError as e2:
        print("caller after resume", repr(e2.__context__))
print(next(g))
def reraiser():
    try:
        raise LookupError("saved")
    except LookupError:
        yield
        raise
r = reraiser()
next(r)
try:
    raise ValueError("outer")
except ValueError:
    try:
        next(r)
    except LookupError as e:
        print("reraised", repr(e), repr(e.__context__))
def no_state():
    yield
    raise
n = no_state()
next(n)
try:
    next(n)
except RuntimeError as e:
    print("RuntimeError:", e)
