# operator special methods: arithmetic with reflected/in-place forms, containers, __bool__, __call__
class V:
    def __init__(self, *c):
        self.c = list(c)
    def __repr__(self):
        return "V%r" % (tuple(self.c),)
    def __add__(self, o):
        if isinstance(o, V):
            return V(*[a + b for a, b in zip(self.c, o.c)])
        return NotImplemented
    def __radd__(self, o):
        if o == 0:
            return self
        return NotImplemented
    def __iadd__(self, o):
        self.c = [a + o for a in self.c]
        return self
    def __mul__(self, k):
        return V(*[a * k for a in self.c])
    __rmul__ = __mul__
    def __neg__(self):
        return V(*[-a for a in self.c])
    def __eq__(self, o):
        return isinstance(o, V) and self.c == o.c
    def __len__(self):
        return len(self.c)
    def __getitem__(self, i):
        return self.c[i]
    def __contains__(self, x):
        return x in self.c
    def __bool__(self):
        return any(self.c)
    def __call__(self, i):
        return self.c[i] * 100
v, w = V(1, 2), V(10, 20)
print(v + w, 3 * v, v * 3, -v, sum([v, w]), v == V(1, 2), v != w)
try:
    v + 1
except TypeError as e:
    print("TypeError:", e)
u = v
u += 5
print(u is v, v, len(v), v[0], v[-1], v[::-1], 6 in v, 99 in v, bool(V(0, 0)), v(1))
print(list(v), list(reversed(v)), [x for x in w])
class Idx:
    def __index__(self):
        return 2
print([10, 20, 30][Idx()], "abcd"[Idx():], hex(Idx()), range(10)[Idx()])
class Cmp:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        return self.v < o.v
    def __le__(self, o):
        return self.v <= o.v
    def __repr__(self):
        return "C%d" % self.v
print(Cmp(1) < Cmp(2), Cmp(3) > Cmp(2), Cmp(2) >= Cmp(2), sorted([Cmp(2), Cmp(1)]))
class Hashless:
    def __len__(self):
        return 0
print(bool(Hashless()), not Hashless())
