# sys.version_info is 3.11; recursion limit default; getsizeof of sys-level values
import sys
v = sys.version_info
print(v[0], v[1], v.major, v.minor, v >= (3, 11), v < (3, 12), v[:2], type(v.micro).__name__, len(v))
print(v.releaselevel in ("final", "beta", "alpha", "candidate"), isinstance(v.serial, int))
print(sys.getrecursionlimit())
major, minor = v[:2]
print(major * 100 + minor)
