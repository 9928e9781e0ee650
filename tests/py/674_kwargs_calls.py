# **kwargs, keyword-only and positional-only parameters, ** and * in calls, error messages
def f(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, sorted(kw.items())
print(f(1, c=3), f(1, 2, 3, 4, c=5, e=6), f(*[1, 2], **{"c": 0, "z": 9}))
try:
    f(1)
except TypeError as e:
    print("TypeError:", e)
try:
    f(1, c=1, a=2)
except TypeError as e:
    print("TypeError:", e)
def p(x, y, /, z):
    return x, y, z
print(p(1, 2, 3), p(1, 2, z=3))
try:
    p(1, y=2, z=3)
except TypeError as e:
    print("TypeError:", e)
def kw_only(*, key):
    return key
try:
    kw_only(1)
except TypeError as e:
    print("TypeError:", e)
def collect(**kw):
    return kw
d = collect(b=1, a=2)
print(d, list(d), collect(**d, c=3))
try:
    collect(**{1: 2})
except TypeError as e:
    print("TypeError:", e)
try:
    collect(a=1, **{"a": 2})
except TypeError as e:
    print("TypeError:", e)
print(dict(**{"x": 1}, y=2), print(*[1, 2], sep="+", **{"end": "!\n"}))
def fwd(*a, **k):
    return f(*a, **k)
print(fwd(0, c=1))
print(f.__kwdefaults__, f.__defaults__, f.__code__.co_kwonlyargcount, p.__code__.co_posonlyargcount)
