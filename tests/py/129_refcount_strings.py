# references to strings built at run time (not constants, not interned)
import sys
parts = ["abc"] * 3
s = "-".join(parts)
print("joined:", sys.getrefcount(s))
t = s
print("alias:", sys.getrefcount(s))
l = [s, s, s]
print("in a list 3 times:", sys.getrefcount(s))
u = s.upper()
print("upper() result:", sys.getrefcount(u))
v = str(s)
print("str(s) is s:", v is s, sys.getrefcount(s))
w = s[:]
print("s[:] is s:", w is s, sys.getrefcount(s))
n = str(10**12)
print("str of int:", sys.getrefcount(n))
f = f"{n}-{s}"
print("f-string:", sys.getrefcount(f))
