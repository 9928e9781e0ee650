"""Module docstring."""
import os
from sys import *

def cellarg(a, b):
    def inner():
        return a + b
    return inner

def counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        del_me = count
        return del_me
    return inc

class Outer:
    """Class doc."""
    x: int = 3
    y: "str"
    global GG
    GG = 2
    def method(self, *, __k=1, **__kw):
        return self.__k, __kw
    class Inner:
        def get(self):
            return __class__.__name__
    def uses_super(self):
        return super().uses_super() + [x for x in range(3)]

def make_class(base):
    class Local(base):
        attr = base
        def f(self):
            return attr
    return Local

def deleter():
    x = 1
    def g():
        return x
    del x
    global H
    H = 1
    del H
    return g

@staticmethod
@property
def decorated(a: int, b: "x" = 2, *args: str, c: float = 1.0, **kw: dict) -> None:
    pass

lam = lambda a, *b, c=3, **d: (a, b, c, d)
fn_default = lambda x=[i for i in range(3)]: x
os.getcwd()
os.path.join("a", "b")
