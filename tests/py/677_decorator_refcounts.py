# decorators and refcounts: wrapper closures hold the wrapped function; property objects hold accessors
import sys, gc
def deco(fn):
    def wrapper(*a):
        return fn(*a)
    wrapper.wrapped = fn
    return wrapper
def target(x):
    return x + 1
base = sys.getrefcount(target)
w = deco(target)
print(sys.getrefcount(target) - base, w(1), w.wrapped is target)
del w
print(sys.getrefcount(target) - base)
def getter(self):
    return 5
gb = sys.getrefcount(getter)
prop = property(getter)
print(sys.getrefcount(getter) - gb, prop.fget is getter)
p2 = prop.setter(lambda self, v: None)
print(sys.getrefcount(getter) - gb, p2 is prop, p2.fget is getter)
del prop, p2
print(sys.getrefcount(getter) - gb)
cm = classmethod(getter)
sm = staticmethod(getter)
print(sys.getrefcount(getter) - gb, cm.__func__ is getter, sm.__func__ is getter)
del cm, sm
print(sys.getrefcount(getter) - gb, gc.is_tracked(property(getter)))
