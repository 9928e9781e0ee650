1if x else 2
0x1for x in y
1or 2
1and 2
0o7in x
[0x1for x in y]
1_1.1_1
1.e5
1.j
1E+5J
