# sys.getsizeof of results: sets with dummies, copies, fromkeys, joins, splits, list() of iterators
import sys
g = sys.getsizeof
s = set(range(100))
for i in range(90):
    s.discard(i)
print(g(s), g(s.copy()), g(set(s)), g(frozenset(s)), g(s | set()), g(s - {1}))
s.update(range(1000, 1100))
print(g(s))
t = {1, 2}
t |= set(range(10))
print(g(t))
u = set()
u.add(1)
u.remove(1)
for i in range(5):
    u.add(i)
print(g(u))
print(g(list(set(range(10)))), g(list({i: i for i in range(10)}.items())), g(tuple(set(range(10)))))
print(g(b"".join([b"ab"] * 10)), g(bytes(bytearray(100))), g(b"%d" % 5), g(str(b"ab")))
print(g(dict.fromkeys(range(1000))), g(dict.fromkeys(set(range(100)))), g({}.fromkeys("abc")))
d = dict.fromkeys(range(10))
print(g(d.copy()), g(dict(d)), g({**d}), g(dict(d, x=1)))
print(g([1, 2, 3] * 0), g([None] * 3 + [1]), g(list(range(3)) * 2))
print(g(sorted(set(range(20)))), g(list(reversed(range(20)))), g(list(zip(range(5), range(5)))), g(list(map(int, "12345"))))
print(g(list(filter(None, range(20)))), g(list(enumerate("abcdef"))), g([x for x in range(20) if x % 2]))
print(g("a,b,c".split(",")), g("a b c".rsplit()), g("abc".splitlines()), g("a\nb".splitlines()), g("x".partition("y")))
