import refgc

start = refgc.heap_stats()["arenas"]
data = list(map(bytes, [470] * 6400))
grown = refgc.heap_stats()["arenas"] - start
print(grown >= 3)
keep = data[::64]
del data
print(refgc.heap_stats()["arenas"] - start == grown)
given = refgc.trim()
print(given > 2000000)
del keep
print(refgc.heap_stats()["arenas"] - start < 2)
