# RecursionError at the recursion limit, caught; depth reached is deterministic
import sys
depth = 0
def down():
    global depth
    depth += 1
    down()
try:
    down()
except RecursionError as e:
    print(type(e).__name__, e)
print("depth reached", depth)
sys.setrecursionlimit(100)
depth = 0
try:
    down()
except RecursionError as e:
    print(type(e).__name__, e)
print("depth with limit 100:", depth)
sys.setrecursionlimit(1000)
def count(n):
    if n == 0:
        return 0
    return 1 + count(n - 1)
print(count(900))
try:
    count(5000)
except RecursionError as e:
    print("count(5000):", type(e).__name__)
print("still usable:", count(10))
