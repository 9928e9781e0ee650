# exception state saved across yields: a generator suspended inside an except block (gi_exc_state)
import sys
def in_handler():
    try:
        raise KeyError("inside gen")
    except KeyError:
        yield sys.exc_info()[1]
        yield sys.exc_info()[1]
    yield sys.exc_info()[1]
g = in_handler()
print(repr(next(g)), sys.exc_info())
try:
    raise ValueError("caller")
except ValueError:
    print(repr(next(g)), repr(sys.exc_info()[1]))
print(repr(next(g)))
def ctx_gen():
    try:
        raise TypeError("first")
    except TypeError:
        yield 1
        raise IndexError("second")
c = ctx_gen()
next(c)
try:
    next(c)
except IndexError as e:
    print(repr(e), repr(e.__context__))
def bare_raise():
    try:
        raise OSError("os")
    except OSError:
        yield
        raise
b = bare_raise()
next(b)
try:
    raise ValueError("interleaved")
except ValueError:
    try:
        next(b)
    except OSError as e:
        print("re-raised", repr(e), repr(e.__context__))
