data = list(map(float, range(40)))
print(len(data), data[-1])
del data
print("done")
