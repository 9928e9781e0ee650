# generator expressions consumed by sum/any/all/list/tuple/dict/set/min/max/sorted/join
data = [3, 1, 4, 1, 5, 9, 2, 6]
print(sum(x * x for x in data))
print(any(x > 8 for x in data), all(x > 0 for x in data), any(x > 100 for x in data))
print(list(x for x in data if x % 2), tuple(x + 1 for x in data[:3]))
print(dict((x, x * 2) for x in data[:4]))
print(sorted(set(x % 3 for x in data)))
print(min(x for x in data), max((x for x in data), default=None), max(x for x in []) if False else 0)
print("-".join(str(x) for x in data))
print(sorted((x for x in data), key=lambda v: -v))
g = (x for x in data)
print(type(g).__name__, g.gi_code.co_name, next(g), next(g))
print(list(g))
print(list(g))
nested = list((i, j) for i in range(3) for j in range(i))
print(nested)
pairs = list(x for x in (y * 2 for y in range(4)) if x)
print(pairs)
seen = []
def src():
    for i in range(5):
        seen.append(i)
        yield i
print(any(v == 2 for v in src()), seen)
seen.clear()
print(all(v < 1 for v in src()), seen)
try:
    sum(1 / x for x in [1, 0])
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
def first_iter_eager():
    return (x for x in undefined_name)
try:
    first_iter_eager()
except NameError as e:
    print("NameError:", e)
