# assert with messages, chained comparisons evaluating once, conditional expressions, walrus in while
calls = []
def v(x):
    calls.append(x)
    return x
print(v(1) < v(2) < v(3), calls)
calls.clear()
print(v(3) < v(2) < v(1), calls)
calls.clear()
print(1 < v(5) > 2 == 2 != 3 in [3] not in [[]], calls)
try:
    assert 1 > 2, "math is broken: %d" % 42
except AssertionError as e:
    print("AssertionError:", e, e.args)
try:
    assert [], {"k": 1}
except AssertionError as e:
    print(repr(e.args[0]))
try:
    assert False
except AssertionError as e:
    print(repr(e), e.args)
data = [4, 3, 0, 9]
it = iter(data)
out = []
while (n := next(it, None)) is not None and n:
    out.append(n)
print(out, n)
print([y for x in range(5) if (y := x * x) > 4], y)
x = 5 if calls else 6
print(x, "a" if 0 else "b" if 1 else "c", (lambda: 1 if True else 2)())
print(0 or [] or "" or None, 1 and 2 and 3, not (1 and 0), (0, 1)[True], [] is not [])
