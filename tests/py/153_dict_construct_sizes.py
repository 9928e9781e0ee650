# dict sizes for displays, comprehensions, dict(), fromkeys, copy and update
import sys
g = sys.getsizeof
a = 1
print("literals:", g({}), g({"a": 1}), g({"a": 1, "b": 2}), g({1: 1}), g({1: a, 2: a, 3: a, 4: a, 5: a, 6: a}))
print("dict():", g(dict()), g(dict(a=1)), g(dict([(1, 2)])), g(dict(zip(range(6), range(6)))))
print("comprehensions:", [g({i: i for i in range(n)}) for n in (0, 1, 5, 6, 10, 11, 21, 22)])
print("fromkeys:", [g(dict.fromkeys(range(n))) for n in (0, 1, 5, 6, 10, 11, 100)])
print("fromkeys str:", [g(dict.fromkeys(["k%d" % i for i in range(n)])) for n in (1, 6, 11)])
big = {i: i for i in range(100)}
print("copy:", g(big), g(big.copy()), g(dict(big)))
u = {}
u.update(big)
print("update from 100:", g(u))
s = {}
s.update({"x": 1})
print("update into empty from 1 str key:", g(s))
print("dict(**)-style keyword dict:", g(dict(a=1, b=2, c=3, d=4, e=5, f=6)))
