# refcounts of a generator while it runs, sys._getframe inside it, f_back to the caller
import sys
def g():
    me = yield
    yield sys.getrefcount(me)
    f = sys._getframe()
    yield f.f_code.co_name, f.f_back.f_code.co_name, f.f_lineno
    yield sys._getframe(1).f_code.co_name
gen = g()
next(gen)
print(gen.send(gen))
print(next(gen))
def caller():
    return next(gen)
print(caller())
print(sys.getrefcount(gen))
def outer_gen():
    yield from inner_gen()
def inner_gen():
    f = sys._getframe()
    yield f.f_back.f_code.co_name if f.f_back else None, f.f_back.f_back.f_code.co_name
print(next(outer_gen()))
