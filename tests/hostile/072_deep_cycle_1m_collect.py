import gc
first = []
s = first
for i in range(1000000):
    s = [s]
first.append(s)
del s, first
print(gc.collect())
