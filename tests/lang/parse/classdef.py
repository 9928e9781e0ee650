class C:
    pass
class C():
    pass
class C(B):
    pass
class C(A, B, metaclass=M, **kw):
    x = 1
    def f(self):
        pass
class C(*bases):
    pass
class C: pass
