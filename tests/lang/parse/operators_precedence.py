a if b else c
a if b else c if d else e
lambda: a if b else c
x = a or b if c and d else e
(a if b else c) + 1
a + (b if c else d)
not a if b else c
