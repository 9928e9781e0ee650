# class bodies and scopes: __class__ cell, class-level names invisible to methods, names in nested classes
import gc, sys
class A:
    def m(self):
        return __class__, super().m2() if False else 1
    def m2(self): return "m2"
class B(A):
    def m(self):
        return __class__.__name__, super().m()
print(B().m())
def f():
    class C:
        x = 1
        def get(self):
            return x_outer
    x_outer = "outer"
    return C
print(f()().get())
def g():
    y = 5
    class D:
        y = 10
        def show(self):
            return y
        z = y
    return D().show(), D.z
print(g())
def h():
    v = "fn"
    class E:
        print(v)
        v = "class"
        print(v)
    return E.v
print(h())
class F:
    items = [1, 2]
    total = sum(i for i in [10])
    names = [n for n in "ab"]
print(F.total, F.names)
class G:
    a = 1
    def method(self):
        return a if False else G.a
print(G().method(), G.method.__qualname__)
class Outer:
    class Inner:
        def who(self):
            return __class__.__qualname__
print(Outer.Inner().who(), Outer.Inner.__qualname__)
class Cell:
    def m(self):
        return __class__
print(Cell.m.__closure__[0].cell_contents is Cell, Cell.m.__code__.co_freevars)
print(sys.getrefcount(Cell) > 2)
