# set and frozenset operators and methods; mixed set/frozenset result types; in-place updates
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(a | b, a & b, a - b, a ^ b, a <= b, {3} <= b, {3} < b, b > {5}, a.isdisjoint({9}))
print(a.union([7], (8,)), a.intersection(b, {4}), a.difference(b), a.symmetric_difference([1, 9]))
f = frozenset([1, 2])
print(type(f | {3}).__name__, type({3} | f).__name__, f & a, type(f.copy()).__name__, f.copy() is f)
c = set(a)
c |= {10}
c &= {1, 10, 2}
c -= {2}
c ^= {7, 1}
print(sorted(c))
c.update([20, 21], {22})
c.intersection_update(range(21))
c.difference_update([20])
c.symmetric_difference_update({5})
print(sorted(c))
c.add(3)
c.discard(99)
c.remove(3)
print(sorted(c), c.pop() in {5, 7, 10}, len(c))
try:
    c.remove(99)
except KeyError as e:
    print(type(e).__name__, e)
try:
    set().pop()
except KeyError as e:
    print(type(e).__name__, e)
try:
    f.add(3)
except AttributeError as e:
    print(type(e).__name__, e)
try:
    {[1]}
except TypeError as e:
    print(type(e).__name__, e)
print({1, 2} == frozenset([2, 1]), {frozenset([1]): "ok"}[frozenset([1])], set("aab") == {"a", "b"})
print(sorted({i % 3 for i in range(10)}), set(), frozenset({1}).issubset([1, 2]), {1, 2}.issuperset((1,)))
