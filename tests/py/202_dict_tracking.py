# dicts: untracked while they hold only atomic values; tracked once a container is stored;
# untracked again only by a full collection
import gc
gc.collect()
d = {}
trace = [gc.is_tracked(d)]
d["a"] = 1
d["b"] = "s"
d[(1, 2)] = 2.5
trace.append(gc.is_tracked(d))
d["l"] = []
trace.append(gc.is_tracked(d))
del d["l"]
trace.append(gc.is_tracked(d))
gc.collect(0)
trace.append(gc.is_tracked(d))
gc.collect(1)
trace.append(gc.is_tracked(d))
gc.collect(2)
trace.append(gc.is_tracked(d))
print(trace)
e = {"x": {}}
print("holds an (untracked) dict:", gc.is_tracked(e), gc.is_tracked(e["x"]))
gc.collect()
print("after full collect:", gc.is_tracked(e))
a = 1
t = {"t": (a, a)}
print("holds a run-time tuple:", gc.is_tracked(t))
gc.collect(0)
print("tuple untracked by collect(0), dict still tracked:", gc.is_tracked(t["t"]), gc.is_tracked(t))
gc.collect(2)
print("after full collect:", gc.is_tracked(t))
k = {}
k[(a, frozenset())] = 1
print("tracked key:", gc.is_tracked(k))
c = {"x": 1}.copy()
c2 = {"x": []}.copy()
print("copies:", gc.is_tracked(c), gc.is_tracked(c2))
u = {}
u.update({"x": []})
print("update with a list:", gc.is_tracked(u))
print("comprehension of ints:", gc.is_tracked({i: i for i in range(3)}), "of lists:", gc.is_tracked({i: [] for i in range(3)}))
print("dict(zip):", gc.is_tracked(dict(zip("ab", [1, 2]))), gc.is_tracked(dict(zip("ab", [[], 2]))))
