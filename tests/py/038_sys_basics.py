# sys.version_info and the recursion limit
import sys
v = sys.version_info
print(v[0], v[1], v.major, v.minor, v >= (3, 11), v < (3, 12), v[:2])
print(sys.getrecursionlimit())
sys.setrecursionlimit(500)
print(sys.getrecursionlimit())
sys.setrecursionlimit(1000)
print(sys.getrecursionlimit())
for bad in (0, -5, "x", 2.5):
    try:
        sys.setrecursionlimit(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(sys.getrecursionlimit())
print(type(sys.getrecursionlimit()).__name__, type(v).__name__)
