a = x in {1, 2}
b = x in {True, 2}
c = x in {1.0, 2}
d = x in {0.0, 'a'}
e = x in {-0.0, 'a'}
f = x in {2, 1}
for q in {'a', 'b'}: pass
