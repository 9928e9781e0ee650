a.b
a.b.c.d
a().b
a.b()
a[0].b
a.b[0]
x.y = 1
x.y.z += 1
del x.y
(a).b
"str".join
1 .real
1.0.real
