# sorted/list.sort: key functions, reverse keeps stability, mixed types, errors, sort of records
recs = [("bob", 3), ("amy", 1), ("cat", 3), ("dan", 2), ("eve", 1)]
print(sorted(recs, key=lambda r: r[1]))
print(sorted(recs, key=lambda r: r[1], reverse=True))
print(sorted(recs, key=lambda r: -r[1]))
print(sorted(["b", "A", "c", "B"]), sorted(["b", "A", "c", "B"], key=str.lower))
print(sorted("hello"), sorted({3: "x", 1: "y"}), sorted((3, 1, 2), reverse=True), sorted([]))
print(sorted([1, 2.5, -3, True, 0.5]), sorted([[2], [1, 5], [1]]), sorted([(1, "b"), (1, "a")]))
words = "the quick brown fox jumps over the lazy dog".split()
print(sorted(words, key=len), sorted(words, key=lambda w: (len(w), w)))
lst = [5, 3, 9, 1]
print(lst.sort(), lst, lst.sort(reverse=True), lst)
lst.sort(key=lambda v: v % 3)
print(lst)
try:
    sorted([1, "a"])
except TypeError as e:
    print(type(e).__name__, e)
try:
    sorted([3, 1], key=5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    sorted([{1: 2}, {3: 4}])
except TypeError as e:
    print(type(e).__name__, e)
class P:
    def __init__(self, v):
        self.v = v
try:
    sorted([P(1), P(2)])
except TypeError as e:
    print(type(e).__name__, e)
print([p.v for p in sorted([P(2), P(1), P(3)], key=lambda p: p.v)])
calls = []
def key(v):
    calls.append(v)
    return v
sorted([3, 1, 2], key=key)
print("key called once per item:", calls)
