# sorted/min/max: stability with reverse, key=None, mutation during sort, argument errors, comparison call order
import sys
data = [(1, "b"), (0, "a"), (1, "a"), (0, "b")]
print(sorted(data, key=lambda t: t[0], reverse=True), sorted(data, key=None))
print(sorted([3, 1.5, True, 2], reverse=True), min([2, 1.0, 1]), max([1, 1.0], key=float), max(1.0, 1))
print(sorted("bca", key=ord), sorted([], key=lambda x: 1/0), sorted(range(5), key=lambda x: x % 2))
l = [5, 3, 1]
try:
    l.sort(key=lambda x: l.append(x))
except ValueError as e:
    print("ValueError:", e)
print(l)
try:
    sorted([1, 2], cmp=None)
except TypeError as e:
    print("TypeError:", e)
try:
    max()
except TypeError as e:
    print("TypeError:", e)
try:
    max(1)
except TypeError as e:
    print("TypeError:", e)
try:
    min([1], [2], default=0)
except TypeError as e:
    print("TypeError:", e)
print(max([[1], [1, 0]]), min("b", "a", key=str.upper), max({1: "x", 2: "y"}), min((3, "a"), (3,)))
print(sorted({"b": 1, "a": 2}.items(), key=lambda kv: kv[1]), sorted(zip("ba", [2, 1])))
import gc
gc.collect()
keys_called = []
class K:
    def __init__(self, v): self.v = v
    def __lt__(self, o):
        keys_called.append((self.v, o.v))
        return self.v < o.v
sorted([K(3), K(1), K(2)])
print(keys_called)
keys_called.clear()
max([K(3), K(1), K(2)])
print(keys_called)
