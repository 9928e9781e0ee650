# iter() and next(): iterators over builtins, defaults, exhaustion
it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, "done"), next(it, None))
try:
    next(it)
except StopIteration as e:
    print(type(e).__name__, repr(e), e.args)
for src in ("ab", (1, 2), {3: 0, 4: 0}, {7}, range(2), b"AB", bytearray(b"z")):
    i = iter(src)
    print(type(i).__name__, next(i))
i = iter([5, 6])
print(iter(i) is i, list(i), list(i))
d = {"a": 1, "b": 2}
print(list(iter(d.items())), next(iter(d.values())), next(iter(d.keys())))
seq = [1, 2]
it = iter(seq)
seq.append(3)
print(list(it))
for bad in (5, None, 2.5):
    try:
        iter(bad)
    except TypeError as e:
        print(type(e).__name__, e)
for bad in ([1], "s"):
    try:
        next(bad)
    except TypeError as e:
        print(type(e).__name__, e)
it = iter(range(3))
total = 0
while True:
    v = next(it, None)
    if v is None:
        break
    total += v
print("total", total)
