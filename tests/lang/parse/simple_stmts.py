pass
del x
del x, y
del x[0], x.a
del (x, y), [z]
del (x)
del x,
return
break
continue
global x
global x, y
nonlocal a
nonlocal a, b
assert x
assert x, "msg"
raise
raise E
raise E from e
raise E(1) from None
x = 1; y = 2
x = 1;
pass; pass
