# repr() and str() of builtin values
vals = ["", "a", "it's", 'say "hi"', "both ' and \"", "tab\t nl\n cr\r bs\\", "\x00\x7f",
        "\xe9\xff", "\u20ac", "\U0001F600", "\x1b[0m"]
for s in vals:
    print(repr(s), len(repr(s)))
print(str("abc"), str(12), str(-3.5), str(None), str(True), str([1, "a"]))
print(repr(b"ab\x00\xff'"), repr(b'"'), repr(b"'\""), str(b"x"))
print(repr(bytearray(b"hi")), repr(bytearray()))
print(repr([1, "a", None]), repr((1,)), repr(()), repr({"k": (1, 2.5)}))
print(repr(set()), repr(frozenset()), repr({1, 2, 3}), repr(frozenset([4])))
print(repr(1.0), repr(1e22), repr(1e-7), repr(float("inf")), repr(-float("inf")))
print(repr(float("nan")), repr(2**64), repr(-17))
print(repr(range(3)), repr(None), repr(True))
l = [1]
l.append(l)
print(repr(l), str(l))
t = (l,)
print(repr(t))
d = {}
d[1] = [d]
print(repr(d))
print(str(), repr(str()), str(""), str(b""))
class P:
    def __repr__(self):
        return "P<" + str(id(self) == id(self)) + ">"
print(repr(P()), str(P()), [P()], (P(), P()), {1: P()})
