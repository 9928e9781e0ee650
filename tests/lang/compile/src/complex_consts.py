# complex literals and 3.11's folding of complex arithmetic
a = 1 + 2j
b = (1j, 2j, 1j, -0j, 0j, 0.0j, -0.0j)
c = 3j * 2 - 1e309j
d = -(1j) ** 2
e = [x for x in (1j, 2.5j) if x != 0j]
f = {1j: 1, 2j: 2}
g = 1j in {1j, 2j}
def h(z=1j + 1):
    return z * 2j, 1j, (1+0j)
