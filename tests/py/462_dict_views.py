# dict views: live updates, set operations on keys/items views, order after delete and re-insert
d = {"a": 1, "b": 2, "c": 3}
k, v, it = d.keys(), d.values(), d.items()
d["d"] = 4
del d["a"]
print(list(k), list(v), list(it), len(k), "b" in k, 2 in v, ("c", 3) in it, ("c", 4) in it)
print(sorted(k & {"b", "x"}), sorted(k | {"z"}), sorted(k - {"b"}), sorted(k ^ {"b", "q"}), k == {"b", "c", "d"})
print(sorted(it & {("b", 2), ("b", 3)}), k.isdisjoint({"x"}), type(k).__name__, type(v).__name__, type(it).__name__)
d["a"] = 0
print(list(d), list(reversed(d.keys())), list(reversed(d.items()))[0])
d["b"] = 20
print(list(d.items()))
e = dict(zip("xyz", range(3)))
print(e, dict.fromkeys("ab", []), dict(e), e == {"z": 2, "y": 1, "x": 0})
try:
    for key in d:
        d[key + "!"] = 1
except RuntimeError as ex:
    print(type(ex).__name__, ex)
print(v == v, list(d.values()) == list(d.values()), repr(e.keys()), repr(e.values()), repr(e.items()))
