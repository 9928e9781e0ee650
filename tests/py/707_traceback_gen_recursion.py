# uncaught RecursionError through an endless yield from chain: repeated-line compression in the traceback
def down(n):
    yield from down(n + 1)
next(down(0))
