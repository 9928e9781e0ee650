# sys.getsizeof of strings built by +=, join, slicing, repetition, methods across kinds
import sys
g = sys.getsizeof
s = ""
sizes = []
for i in range(10):
    s += "ab"
    sizes.append(g(s))
print(sizes)
print(g("a" * 100), g("é" * 100), g("€" * 100), g("😀" * 100))
print(g("abc" + "é"), g("abc" + "€"), g("é" + "😀"), g("€"[0:0]), g("a€"[0]), g("a€"[1]))
print(g("".join(["x"] * 50)), g("-".join(["€", "a"])), g(" ".join([])))
u = "ab€cd"
print(g(u.upper()), g(u.replace("€", "e")), g(u[:2]), g(u[2:]), g(u.encode()))
print(g(str(12345)), g(repr(1.5)), g(hex(255)), g(f"{1}{2}{3}"), g("%s" % "x"))
print(g("x".center(21)), g("a\u0100".lower()), g("ÀB".lower()), g("ß".upper()))
print(g("abc".split("b")[0]), g("hello world".title()), g(str([1, 2])))
t = "text"
print(g(t * 0), g(t * 1) == g(t), g(t[:]) == g(t))
