# a Matrix class: @ and @=, tuple subscripts, classmethod constructor, property, yield from in __iter__, __hash__ = None, nested f-string widths
import sys
class Matrix:
    def __init__(self, rows):
        self.rows = [list(r) for r in rows]
    @classmethod
    def identity(cls, n):
        return cls([[int(i == j) for j in range(n)] for i in range(n)])
    @property
    def shape(self):
        return len(self.rows), len(self.rows[0]) if self.rows else 0
    def __matmul__(self, o):
        cols = list(zip(*o.rows))
        return Matrix([[sum(a * b for a, b in zip(r, c)) for c in cols] for r in self.rows])
    def __getitem__(self, ij):
        i, j = ij
        return self.rows[i][j]
    def __setitem__(self, ij, v):
        i, j = ij
        self.rows[i][j] = v
    def __iter__(self):
        for r in self.rows:
            yield from r
    def __eq__(self, o):
        return isinstance(o, Matrix) and self.rows == o.rows
    __hash__ = None
    def __repr__(self):
        w = max(len(str(v)) for v in self)
        return "\n".join(" ".join(f"{v:>{w}}" for v in r) for r in self.rows)
m = Matrix([[1, 2], [3, 4]])
i2 = Matrix.identity(2)
print(m @ i2 == m, m.shape, m[1, 0], sum(m), max(m), list(m))
m[0, 1] = 20
print(m @ m)
print(repr(Matrix.identity(3)))
try:
    hash(m)
except TypeError as e:
    print("TypeError:", e)
try:
    m @ 5
except AttributeError as e:
    print("AttributeError:", e)
try:
    m.shape = (1, 1)
except AttributeError as e:
    print("AttributeError:", e)
x = m
x @= i2
print(x is m, x == m)
