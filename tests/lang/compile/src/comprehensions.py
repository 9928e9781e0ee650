a = [x * 2 for x in range(10) if x % 2]
b = {x: y for x, y in zip("ab", "cd")}
c = {x for x in "hello"}
d = (x for x in range(3))
e = [[y for y in range(x)] for x in range(4)]
def f(n):
    return [i + n for i in range(n) for j in range(i) if j]
g = [y for x in range(3) for y in [x]]
h = [z := 1, z]
