# default arguments are evaluated once: shared mutable defaults, defaults referencing globals, keyword calls
def append(v, to=[]):
    to.append(v)
    return to
print(append(1), append(2), append(3, []), append(4))
def safe(v, to=None):
    if to is None:
        to = []
    to.append(v)
    return to
print(safe(1), safe(2))
n = 10
def snapshot(x=n):
    return x
n = 20
print(snapshot(), snapshot(5))
def kw(a, b=2, c=3):
    return (a, b, c)
print(kw(1), kw(1, c=9), kw(c=0, a=5), kw(1, 2, 3), kw(*[7, 8]))
def star(a, *rest):
    return a, rest
print(star(1), star(1, 2, 3), star(*"xyz"))
try:
    kw()
except TypeError as e:
    print(type(e).__name__, e)
try:
    kw(1, a=2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    kw(1, d=4)
except TypeError as e:
    print(type(e).__name__, e)
try:
    kw(1, 2, 3, 4)
except TypeError as e:
    print(type(e).__name__, e)
print(append.__defaults__, kw.__defaults__, star.__defaults__)
