# generators: yield, yield from, send, close, closures
def count(n):
    for i in range(n):
        yield i * i

def chain(*gens):
    for g in gens:
        yield from g

def acc():
    total = 0
    while True:
        v = yield total
        total += v

print(list(chain(count(4), count(3))))
a = acc()
next(a)
print(a.send(5), a.send(7))
a.close()
def make_adders():
    return [lambda x, k=k: x + k for k in range(3)]
print([f(10) for f in make_adders()], sum(x for x in count(10) if x % 2))
g = count(100)
print(next(g), next(g))
del g
