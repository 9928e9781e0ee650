# uncaught ZeroDivisionError in a generator expression delegated to by yield from: frames of both
def gen():
    yield from (1 / x for x in [1, 0])
list(gen())
