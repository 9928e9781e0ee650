# hash of numbers and tuples: -1 maps to -2, modulus 2**61-1, equal numbers hash equal, unhashables
M = 2 ** 61 - 1
print(hash(0), hash(1), hash(-1), hash(-2), hash(2 ** 61 - 1), hash(2 ** 61), hash(-(2 ** 61)), hash(M + 5))
print(hash(10 ** 30) == 10 ** 30 % M, hash(-(10 ** 30)) == -(10 ** 30 % M), hash(2 ** 100))
print(hash(1.0), hash(0.5), hash(1.5), hash(-1.0), hash(1e20) == hash(10 ** 20), hash(2.0 ** 70) == hash(2 ** 70))
print(hash(True), hash(False), hash(None) == hash(None), hash(()), hash((1,)), hash((1, 2)), hash((1, (2, 3))))
print(hash(float("inf")), hash(float("-inf")), hash((-1,)) == hash((-2,)), hash(frozenset()), hash(frozenset([1, 2])))
print(hash(range(3)) == hash(range(3)), hash(range(0)) == hash(range(5, 5)))
for v in ([], {}, set(), bytearray(), ([],)):
    try:
        hash(v)
    except TypeError as e:
        print(type(e).__name__, e)
d = {1: "int", 1.0: "float", True: "bool"}
print(d)
print({0, 0.0, False, -0.0}, {2 ** 61 - 1, 0} == {0, M})
