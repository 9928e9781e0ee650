# an uncaught RecursionError: repeated frames are folded in the traceback
def forever(n):
    return forever(n + 1)
print("starting")
forever(0)
