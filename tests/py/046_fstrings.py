# f-strings: expressions, conversions, nesting, self-documenting =
name = "World"
n = 42
xs = [1, 2, 3]
d = {"k": "v"}
print(f"Hello, {name}!", f"{n + 1}", f"{n * 2:d}", f"{xs}", f"{xs[1]}", f"{d['k']}")
print(f"{name!r}", f"{name!s}", f"{'é'!a}", f"{n!r:>6}", f"{{literal}}", f"{{{n}}}")
print(f"{len(xs)} items, sum {sum(xs)}", f"{'nested ' + f'{n:03d}'}", f"{xs if n else None}")
print(f"{n=}", f"{n = }", f"{name=!r:>10}", f"{1 + 1=}", f"{xs[0]=}")
width = 8
prec = 3
print(f"[{n:{width}}]", f"[{3.14159:{width}.{prec}f}]", f"[{name:^{width}}]")
print(f"{'a' if n > 40 else 'b'}", f"{(lambda v: v * 2)(5)}", f"{[c.upper() for c in 'ab']}")
print(f"{n:>{width}}|{n:<{width}}|{n:^{width}}|{n:*^{width}}")
print(f"line1\nline2", f"tab\t{n}", rf"raw\n{n}", f"{n}" "plain" f"{n}")
class P:
    def __repr__(self):
        return "P()"
print(f"{P()}", f"{P()!r}", f"{[P()]}", f"{None}", f"{True}", f"{b'x'}")
try:
    print(f"{n:s}")
except ValueError as e:
    print(type(e).__name__, e)
try:
    print(f"{name:d}")
except ValueError as e:
    print(type(e).__name__, e)
