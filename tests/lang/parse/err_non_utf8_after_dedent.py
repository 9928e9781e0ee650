def f():
    with a:
ÿ        pass
