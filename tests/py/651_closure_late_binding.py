# late binding of closures in loops, default-argument capture, comprehension scopes
fs = []
for i in range(3):
    fs.append(lambda: i)
print([f() for f in fs])
fs = [lambda i=i: i for i in range(3)]
print([f() for f in fs])
fs = [lambda: i for i in range(3)]
print([f() for f in fs])
def make_adders():
    out = []
    for n in range(3):
        def add(x, n=n):
            return x + n
        out.append(add)
    return out
print([a(10) for a in make_adders()])
def shared():
    fns = []
    k = 0
    while k < 3:
        fns.append(lambda: k)
        k += 1
    return fns
print([f() for f in shared()])
x = "global"
def scope():
    x = "enclosing"
    return [x for _ in range(1)], (lambda: x)()
print(scope())
gens = [(lambda: j) for j in "ab"]
print([g() for g in gens])
def outer():
    v = 1
    def mid():
        def inner():
            return v
        return inner
    f = mid()
    v = 2
    return f()
print(outer())
