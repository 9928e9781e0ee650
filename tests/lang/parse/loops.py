while a:
    pass
while a:
    break
else:
    continue
for x in y:
    pass
for x, y in z:
    pass
for x in y, z:
    pass
for (x, y) in z:
    pass
for [x, *y] in z:
    pass
for x.a in y:
    pass
for x[0] in y:
    pass
for x in y:
    pass
else:
    pass
for x in *a, b:
    pass
while 1: pass
