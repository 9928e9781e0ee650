# hash(): ints, floats, bools, tuples of numbers (deterministic); equality-only for str
print(hash(0), hash(1), hash(-1), hash(-2), hash(10**20), hash(2**61 - 1), hash(2**61))
print(hash(-(2**61)), hash(2**64), hash(-(10**30)))
print(hash(1.0), hash(1.5), hash(0.1), hash(-0.0), hash(1e300), hash(float("inf")))
print(hash(float("-inf")), hash(True), hash(False), hash(2.0) == hash(2))
print(hash((1, 2)), hash(()), hash((1,)), hash((1, (2, 3))), hash((-1,)))
print(hash(frozenset()), hash(range(3)) == hash(range(0, 3)))
print(hash("abc") == hash("ab" + "c"), hash(b"x") == hash(b"x"))
print(hash((1, "a")) == hash((1, "a")), hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
class C:
    pass
c = C()
print(hash(c) == hash(c), type(hash(c)).__name__)
for bad in ([], {}, set(), (1, []), bytearray()):
    try:
        hash(bad)
    except TypeError as e:
        print(type(e).__name__, e)
