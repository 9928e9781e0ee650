import gc
class A:
    pass
a = A()
a.me = a
gc.freeze()
del a
