# generator expression scoping: first iterable evaluated eagerly, class bodies, closures over loop vars
class K:
    data = [1, 2, 3]
    doubled = list(x * 2 for x in data)
    try:
        bad = list(x for x in range(2) if x in data)
    except NameError as e:
        err = str(e)
print(K.doubled, K.err)
def lazy():
    n = 1
    g = (n * x for x in range(3))
    n = 10
    return list(g)
print(lazy())
it = iter([1, 2, 3])
g = (x for x in it)
print(next(g), next(it), list(g))
gens = [(i * j for j in range(2)) for i in range(3)]
print([list(g) for g in gens])
x = "outer"
print(list(x for x in "ab"), x)
print(list((a, b) for a in range(2) for b in range(a, 2) if a != b or a == 0))
def use_walrus():
    data = [3, 8, 1, 9]
    if any((hit := v) > 7 for v in data):
        return hit
print(use_walrus())
total = 0
print([total := total + v for v in range(5)], total)
