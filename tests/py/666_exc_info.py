# sys.exc_info() inside and outside handlers, nested handlers, after the handler ends
import sys
print(sys.exc_info())
try:
    raise ValueError("v")
except ValueError:
    t, v, tb = sys.exc_info()
    print(t.__name__, v, type(tb).__name__, tb.tb_lineno)
    try:
        raise KeyError("k")
    except KeyError:
        print(sys.exc_info()[0].__name__)
    print(sys.exc_info()[0].__name__)
print(sys.exc_info())
def in_func():
    return sys.exc_info()[1]
try:
    raise IndexError("i")
except IndexError as e:
    print(in_func() is e)
def gen():
    try:
        raise TypeError("g")
    except TypeError:
        yield sys.exc_info()[0].__name__
    yield sys.exc_info()[0]
g = gen()
print(next(g), next(g))
