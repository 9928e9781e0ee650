# RecursionError through nested generators, and a generator that recurses into itself
import sys
def nest(n):
    if n == 0:
        yield "bottom"
    else:
        yield from nest(n - 1)
print(next(nest(50)))
try:
    next(nest(5000))
except RecursionError as e:
    print("RecursionError:", e)
def rec():
    yield from rec()
try:
    next(rec())
except RecursionError as e:
    print("RecursionError:", e)
print(next(nest(100)), sys.getrecursionlimit())
