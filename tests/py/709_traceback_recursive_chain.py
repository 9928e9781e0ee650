# uncaught exception chain built by recursion: each level raised while handling the one below
class E(Exception):
    pass
def f(n):
    if n == 0:
        raise E("bottom")
    try:
        f(n - 1)
    except E as e:
        raise E("level %d" % n)
f(3)
