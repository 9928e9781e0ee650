# inheritance and super(): zero-arg super in methods and nested functions, two-arg super, MRO
class A:
    def who(self):
        return ["A"]
    def __init__(self):
        self.log = ["A.init"]
class B(A):
    def who(self):
        return ["B"] + super().who()
    def __init__(self):
        super().__init__()
        self.log.append("B.init")
class C(A):
    def who(self):
        return ["C"] + super().who()
class D(B, C):
    def who(self):
        return ["D"] + super().who()
    def nested(self):
        def inner():
            return super(D, self).who()
        return inner()
    def lam(self):
        f = lambda: super(D, self).who()
        return f()
    def comp(self):
        return [super(D, self).who() for _ in range(1)]
d = D()
print(d.who(), d.log, [k.__name__ for k in D.__mro__])
print(d.nested(), d.lam(), d.comp())
print(super(B, d).who(), super(C, d).who())
class E(A):
    def closure_super(self):
        def inner():
            return __class__.__name__
        return inner(), super().who()
print(E().closure_super())
class F(A):
    def bad(self):
        def inner():
            return super().who()
        return inner()
try:
    F().bad()
except RuntimeError as e:
    print("RuntimeError:", e)
class G(A):
    @classmethod
    def cm(cls):
        return super().__init__ is not None, cls.__name__
    @staticmethod
    def sm():
        return "static ok"
print(G.cm(), G.sm(), issubclass(D, A), issubclass(A, D), isinstance(d, C))
try:
    class Z(A, A):
        pass
except TypeError as e:
    print("TypeError:", e)
