# closures: captured variables, late binding, counters with nonlocal
def make_adder(n):
    def add(x):
        return x + n
    return add
add5 = make_adder(5)
add10 = make_adder(10)
print(add5(1), add10(1), make_adder(-1)(1))
def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c1 = counter()
c2 = counter()
print(c1(), c1(), c1(), c2(), c1())
def late():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    return [f() for f in fs]
print(late())
def shared():
    v = []
    def push(x):
        v.append(x)
        return len(v)
    def get():
        return v
    return push, get
push, get = shared()
push("a"); push("b")
print(get())
def outer():
    x = "outer"
    def middle():
        def inner():
            return x
        return inner
    x = "changed"
    return middle()()
print(outer())
def make_multipliers():
    return [lambda x, k=k: x * k for k in range(1, 4)]
print([m(10) for m in make_multipliers()])
def compose(f, g):
    return lambda x: f(g(x))
print(compose(add5, add10)(0), compose(str, add5)(1) + "!")
def accumulate():
    total = 0
    def add(x):
        nonlocal total
        total = total + x
        return total
    return add
acc = accumulate()
print([acc(x) for x in [1, 2, 3, 4]])
