# float free list: LIFO over many frees; arithmetic temporaries recycle the same slot
import gc
gc.collect()
base = 0.5
fs = [base * i for i in range(10)]
ids = [id(f) for f in fs]
del fs
new = [base * (i + 100) for i in range(10)]
print("list dealloc frees from the end, so the order repeats:", [id(f) for f in new] == ids, [id(f) for f in new] == ids[::-1])
x = base + 1
addr = id(x)
del x
y = (base + 2) * 3 - 1
print("temporaries reuse:", id(y) == addr)
acc = 0.0
seen = [0] * 6
for i in range(6):
    acc = acc + 1.5
    seen[i] = id(acc)
print("accumulator alternates between two slots:", seen[0] == seen[2] == seen[4], seen[1] == seen[3] == seen[5], seen[0] != seen[1])
del new
z = float("2.5")
w = float(3)
print("float() constructors use the list too:", id(z) in ids or id(z) in [0], id(w) != id(z))
