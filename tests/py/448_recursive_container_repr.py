# repr of self-referential containers: [...], {...}, instance __repr__ recursion guard is per container
l = [1, 2]
l.append(l)
print(l, str(l), len(repr(l)))
d = {"a": 1}
d["self"] = d
print(d)
t = ([],)
t[0].append(t)
print(t)
a = [1]
b = [a]
a.append(b)
print(a, b)
m = {"l": []}
m["l"].append(m)
print(m)
class Holder:
    def __init__(self):
        self.items = []
    def __repr__(self):
        return "Holder(" + repr(self.items) + ")"
h = Holder()
h.items.append(h.items)
h.items.append(5)
print(h)
s = set()
print(repr(s), repr(frozenset()), repr(set([()])), repr({1: {}}))
nested = [l, l]
print(nested)
