# weakref.ref argument checking
import weakref
class A:
    pass
a = A()
def show(f):
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)
show(lambda: weakref.ref())
show(lambda: weakref.ref(a, None)() is a)
show(lambda: weakref.ref(a, print, 1))
show(lambda: weakref.proxy())
show(lambda: weakref.getweakrefcount())
show(lambda: weakref.ref(a)(1))
show(lambda: weakref.finalize(1, print))
