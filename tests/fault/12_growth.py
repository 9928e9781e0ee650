# dict and set growth and shrinkage across resizes, lists growing
d = {}
for i in range(120):
    d[i] = str(i)
for i in range(0, 120, 3):
    del d[i]
print(len(d), sum(d), d[119])
s = set()
for i in range(150):
    s.add(i * 7 % 101)
s.discard(0)
print(len(s), min(s), max(s))
lst = []
for i in range(200):
    lst.append(i)
del lst[50:]
print(len(lst), lst[-1])
keys = dict.fromkeys("abcdefghij", 0)
keys.update(zip("klmnop", range(6)))
print(list(keys)[-3:], keys.pop("a"), len(keys))
