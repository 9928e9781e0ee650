@d
def f():
    pass
@d1
@d2(x)
@a.b.c
def f():
    pass
@d
class C:
    pass
@(lambda f: f)
def f(): pass
@x[0].y
def g(): pass
@ d
def h(): pass
