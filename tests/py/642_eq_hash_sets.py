# __eq__/__hash__ interplay: dict/set membership, hash consistency, __hash__ = None, NotImplemented
class Key:
    calls = []
    def __init__(self, k):
        self.k = k
    def __hash__(self):
        Key.calls.append("hash %s" % self.k)
        return hash(self.k) % 7
    def __eq__(self, other):
        Key.calls.append("eq %s" % self.k)
        return isinstance(other, Key) and self.k == other.k
a, b, c = Key(1), Key(1), Key(8)
d = {a: "a"}
print(d[b], b in d, c in d, len({a, b, c}))
print(Key.calls)
class NoHash:
    def __eq__(self, other):
        return True
print(NoHash.__hash__)
try:
    hash(NoHash())
except TypeError as e:
    print("TypeError:", e)
class KeepHash(NoHash):
    __hash__ = object.__hash__
print(type(hash(KeepHash())).__name__)
class Same:
    def __hash__(self):
        return 1
    def __eq__(self, other):
        return NotImplemented
x, y = Same(), Same()
print(x == y, x == x, len({x, y}), len({x, x}))
class Ord:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        return self.v < o.v
    def __repr__(self):
        return "O%d" % self.v
print(sorted([Ord(3), Ord(1), Ord(2)]), max(Ord(5), Ord(9)), Ord(1) > Ord(0))
try:
    Ord(1) <= Ord(2)
except TypeError as e:
    print("TypeError:", e)
print(1 == 1.0 and hash(1) == hash(1.0), len({1, 1.0, True}), {1: "a", True: "b"})
