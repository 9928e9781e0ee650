# growing or shrinking an item array / dict table is not an allocation of a GC object
import gc
gc.disable()
gc.collect()
l = []
d = {}
s = set()
c = gc.get_count()[0]
for i in range(1000):
    l.append(i)
    d[i] = i
    s.add(i)
grown = gc.get_count()[0] - c
for i in range(1000):
    l.pop()
    del d[i]
shrunk = gc.get_count()[0] - c
print(grown, shrunk)
gc.enable()
