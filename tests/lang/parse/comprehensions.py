[x for x in y]
[x for x in y if x]
[x for x in y if x if z]
[x * y for x in a for y in b]
[(x, y) for x, y in z]
{x for x in y}
{k: v for k, v in d.items()}
(x for x in y)
[x for x in y for y in z if x if y]
[y := f(x) for x in z]
[[y for y in x] for x in z]
[x for x in lambda: y]
[x for x in (a if b else c)]
{k: v for k in a if k for v in b}
