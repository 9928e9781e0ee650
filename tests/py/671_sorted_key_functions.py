# sorted/min/max/list.sort with key functions, reverse, stability, defaults and errors
words = ["banana", "Apple", "cherry", "date", "Elderberry", "fig"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len))
print(sorted(words, key=len, reverse=True), sorted(words, key=lambda w: (len(w), w)))
people = [("ann", 31), ("bob", 25), ("cid", 31), ("dee", 25)]
print(sorted(people, key=lambda p: p[1]), sorted(people, key=lambda p: -p[1]))
print(min(words, key=len), max(words, key=len), min(people, key=lambda p: p[1]), max(people, key=lambda p: p[1]))
print(min([], default="none"), max([], key=len, default=0), min(3, 1, 2), max("abc", "b", key=len))
try:
    min([])
except ValueError as e:
    print("ValueError:", e)
try:
    sorted([1, "a"])
except TypeError as e:
    print("TypeError:", e)
lst = [5, 2, 9, 1]
lst.sort(key=lambda v: v % 3)
print(lst)
lst.sort(reverse=True)
print(lst)
calls = []
def k(v):
    calls.append(v)
    return -v
print(sorted([3, 1, 2], key=k), calls)
d = {"x": 3, "y": 1, "z": 2}
print(sorted(d, key=d.get), max(d, key=d.get), sorted(d.items(), key=lambda kv: kv[1], reverse=True))
print(sorted([[2, 1], [1, 2], [1, 1]]), sorted((1.5, -2, 0)), sorted({3, 1, 2}, reverse=True))
try:
    sorted([1], key=lambda v: v / 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
class Rev:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v > other.v
print([r.v for r in sorted([Rev(1), Rev(3), Rev(2)])], max([Rev(1), Rev(3)]).v)
