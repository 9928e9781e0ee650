# RecursionError with a low limit through list comprehensions: <listcomp> frames repeated
import sys
sys.setrecursionlimit(60)
def f(n):
    return [f(n + 1) for _ in range(1)]
f(0)
