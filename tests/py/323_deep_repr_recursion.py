# repr of a very deep nest raises RecursionError instead of crashing
import sys
x = []
for i in range(100000):
    x = [x]
try:
    repr(x)
except RecursionError as e:
    print(type(e).__name__, e)
d = {}
for i in range(100000):
    d = {1: d}
try:
    str(d)
except RecursionError as e:
    print(type(e).__name__, e)
try:
    x == x[0]
except RecursionError as e:
    print("comparison:", type(e).__name__, e)
print("limit unchanged:", sys.getrecursionlimit())
small = []
for i in range(10):
    small = [small]
print(repr(small))
