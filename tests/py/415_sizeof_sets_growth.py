# sys.getsizeof of sets: growth by add, set from iterables, frozenset, discard/clear never shrink
import sys
s = set()
sizes = []
for i in range(100):
    s.add(i)
    sz = sys.getsizeof(s)
    if not sizes or sizes[-1][1] != sz:
        sizes.append((len(s), sz))
print(sizes)
for i in range(100):
    s.discard(i)
print("after discarding all:", sys.getsizeof(s), len(s))
s.clear()
print("after clear:", sys.getsizeof(s))
for n in (0, 1, 4, 5, 10, 18, 19, 50, 100):
    print(n, sys.getsizeof(set(range(n))), sys.getsizeof(frozenset(range(n))), sys.getsizeof({i for i in range(n)}))
print(sys.getsizeof({1, 2, 3}), sys.getsizeof(set([1, 1, 1, 1, 1, 1, 1, 1, 1])))
print(sys.getsizeof(set("abcdefgh")), sys.getsizeof(frozenset("abcdefgh")))
u = set(range(10)) | set(range(5, 20))
print(len(u), sys.getsizeof(u), sys.getsizeof(set(range(10)) & set(range(5, 20))))
c = set(range(30)).copy()
print(sys.getsizeof(c))
