# uncaught IndexError through a decorator wrapper called with keyword-only arguments
def deco(fn):
    def wrapper(*a, **k):
        return fn(*a, **k)
    return wrapper
@deco
def target(x, *, y):
    return x[y]
target([1], y=5)
