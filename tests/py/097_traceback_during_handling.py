# an exception raised while handling another: both tracebacks are printed
def risky():
    return [1, 2, 3][10]
try:
    risky()
except IndexError:
    print("handling IndexError")
    missing_function()
