# class decorators and function decorators (stacked, with arguments, returning other objects)
registry = []
def register(cls):
    registry.append(cls.__name__)
    return cls
def add_repr(cls):
    def __repr__(self):
        return "%s(%s)" % (cls.__name__, ", ".join("%s=%r" % kv for kv in sorted(vars(self).items())))
    cls.__repr__ = __repr__
    return cls
def tagged(tag):
    def deco(cls):
        cls.tag = tag
        return cls
    return deco
@register
@add_repr
@tagged("blue")
class Item:
    def __init__(self, n, p):
        self.n, self.p = n, p
print(Item("x", 3), Item.tag, registry)
def trace(fn):
    def wrapper(*args, **kw):
        print("call", fn.__name__, args, sorted(kw.items()))
        return fn(*args, **kw)
    wrapper.__name__ = "wrapped_" + fn.__name__
    return wrapper
@trace
def add(a, b=0, *, c=1):
    return a + b + c
print(add(1, 2, c=3), add.__name__)
def replace_with_name(obj):
    return obj.__name__
@replace_with_name
class Gone:
    pass
print(Gone, type(Gone).__name__)
def count_calls(fn):
    def w(*a):
        w.calls += 1
        return fn(*a)
    w.calls = 0
    return w
@count_calls
def sq(x):
    return x * x
print([sq(i) for i in range(4)], sq.calls)
