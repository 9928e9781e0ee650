# sys.setrecursionlimit: the depth reached before RecursionError follows the limit
import sys
depth = 0
def down(n):
    global depth
    depth = n
    down(n + 1)
old = sys.getrecursionlimit()
for limit in (50, 100, 300):
    sys.setrecursionlimit(limit)
    try:
        down(1)
    except RecursionError as e:
        print(limit, depth, e)
sys.setrecursionlimit(old)
print(sys.getrecursionlimit())
for bad in (0, -5):
    try:
        sys.setrecursionlimit(bad)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    sys.setrecursionlimit("x")
except TypeError as e:
    print(type(e).__name__, e)
def at_depth(n, limit):
    if n > 0:
        return at_depth(n - 1, limit)
    try:
        sys.setrecursionlimit(limit)
    except RecursionError as e:
        return str(e)
    return "ok"
print(at_depth(30, 20))
print(at_depth(30, 100), sys.getrecursionlimit())
sys.setrecursionlimit(old)
