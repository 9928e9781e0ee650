# sys.exc_info() in returns from handlers, finally blocks, nested handlers, __exit__ and generators started inside a handler
import sys
def f():
    try:
        1/0
    except ZeroDivisionError:
        return sys.exc_info()
t, v, tb = f()
print(t.__name__, tb.tb_frame.f_code.co_name, tb.tb_lineno, sys.exc_info())
def g():
    try:
        raise KeyError
    finally:
        print("in finally", sys.exc_info()[0].__name__)
try:
    g()
except KeyError:
    pass
print(sys.exc_info())
def h():
    try:
        raise ValueError("a")
    except ValueError:
        try:
            raise TypeError("b")
        except TypeError:
            pass
        return sys.exc_info()[1]
print(repr(h()))
class CM:
    def __enter__(self): return self
    def __exit__(self, *a):
        print("exit sees", sys.exc_info()[0].__name__ if sys.exc_info()[0] else None, a[0].__name__ if a[0] else None)
        return True
with CM():
    raise IndexError
with CM():
    pass
def gen():
    yield sys.exc_info()[0]
try:
    raise OSError
except OSError:
    print(next(gen()).__name__)
