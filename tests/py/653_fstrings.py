# f-strings: !r/!s/!a, format specs, nested replacement fields, self-documenting =, escapes
class R:
    def __repr__(self):
        return "R()"
    def __str__(self):
        return "str-R"
    def __format__(self, spec):
        return "fmt[" + spec + "]"
r = R()
name = "wörld"
print(f"{r}|{r!r}|{r!s}|{r:xy}|{name!a}|{name!r}")
x = 3.14159
w, p = 10, 3
print(f"[{x:{w}.{p}f}] [{x:<{w}}] [{x:^10.2e}] [{x:+.0%}]")
n = 255
print(f"{n:#x} {n:#o} {n:#b} {n:08d} {n:,} {1234567.891:_.2f} {n:c}" if False else f"{n:#x} {n:#o} {n:#b} {n:08d} {n:,} {1234567.891:_.2f}")
print(f"{'left':<8}|{'right':>8}|{'mid':*^9}|{-42:=+8}")
print(f"{x=}, {n = }, {name=!s}, {x=:.2f}")
items = {"a": 1}
print(f"{items['a']} {items!r} {[1, 2][-1]} {'nested ' + f'{n}'}")
print(f"{{literal}} {n}{{}}")
print(f"{3 + 4} {'yes' if n else 'no'} {(lambda v: v * 2)(21)}")
print(f"{True!r:>6}|{None}|{b'ab'}|{1e20}|{1.5e-7}|{12345678901234567890}")
spec = ">6"
print(f"{'ab':{spec}}|{42:{'0'}{'5'}}")
try:
    f"{n:q}"
except ValueError as e:
    print("ValueError:", e)
try:
    f"{'s':d}"
except ValueError as e:
    print("ValueError:", e)
print(format(1234.5, ","), format("x", "^5"), "{:>5}|{!r}|{k}".format(1, "q", k=2))
print("%5.1f|%-4d|%s|%r|%x" % (2.25, 7, [1], "s", 255))
