# without __eq__, instances compare by identity; containers compare element-wise with identity first
class P:
    def __init__(self, v):
        self.v = v
a = P(1)
b = P(1)
print(a == a, a == b, a != b, [a] == [a], [a] == [b], (a,) in [(a,)], a in [b])
nan = float("nan")
print(nan == nan, [nan] == [nan], nan in [nan], {nan: 1}.get(nan))
d = {a: "a", b: "b"}
print(len(d), d[a], d[b])
s = {a, b, a}
print(len(s), a in s, P(1) in s)
try:
    a < b
except TypeError as e:
    print(type(e).__name__, e)
print(sorted([P(2), P(1)], key=lambda p: p.v)[0].v, max([a, b], key=lambda p: p.v) is a)
