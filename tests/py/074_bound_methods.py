# bound methods: objects that remember their instance
class Greeter:
    def __init__(self, name):
        self.name = name
    def hello(self, other="you"):
        return "hi " + other + ", I am " + self.name
g = Greeter("ann")
m = g.hello
print(m(), m("bob"), type(m).__name__, m.__self__ is g, m.__func__ is Greeter.hello)
print(g.hello == g.hello, g.hello is g.hello, Greeter("x").hello == g.hello)
fs = [Greeter(n).hello for n in ("a", "b")]
print([f() for f in fs])
print(list(map(Greeter("z").hello, ["p", "q"])))
unbound = Greeter.hello
print(unbound(g, "direct"), type(unbound).__name__)
g.hello = lambda: "instance attribute shadows method"
print(g.hello(), Greeter.hello(g))
class Counter:
    def __init__(self):
        self.n = 0
    def tick(self):
        self.n += 1
c = Counter()
t = c.tick
for _ in range(5):
    t()
print(c.n)
l = []
add = l.append
add(1)
add(2)
print(l, type(add).__name__)
try:
    Greeter.hello()
except TypeError as e:
    print(type(e).__name__, e)
try:
    g2 = Greeter("b")
    g2.hello("a", "b")
except TypeError as e:
    print(type(e).__name__, e)
