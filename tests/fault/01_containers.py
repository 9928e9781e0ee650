# lists, tuples, dicts, sets: build, index, slice, sort, nest
xs = [i * i for i in range(12)]
xs.append(-1)
xs.sort()
print(xs[:4], xs[-2:], len(xs))
t = tuple(xs[::3])
d = {str(k): v for k, v in zip(range(5), t)}
d["extra"] = [t, xs[1:3]]
print(sorted(d), d["extra"][1])
s = {x % 5 for x in xs}
print(sorted(s), 3 in s)
del d["0"]
print(len(d), list(d.items())[:2])
