def outer(a, b=2, *args, c, d=4, **kw):
    x = 1
    def inner(y):
        nonlocal x
        x += y
        return x + a
    lam = lambda q, r=x: q + r + b
    return inner, lam

class A:
    attr = 1
    def m(self):
        return __class__
    def n(self):
        return super().n()
    @staticmethod
    def s(*, k):
        return k
    __private = 3
    def p(self):
        return self.__private

class B(A, metaclass=type):
    def f(self):
        def g():
            return self
        return g

def gen():
    x = yield 1
    yield from range(3)
    return x

def uses_global():
    global G
    G = 1
    del G
