# f-strings with nested replacement fields inside format specs, conversions with specs, = debugging with specs, custom __format__
x = 42
w = 8
items = ["a", "bb"]
print(f"{x:{'>' if x > 0 else '<'}{w}}|{x!r:{w}}|{f'{x:#x}':>{w}}")
print(f"{'{'}{x}{'}'}", f"{{{x}}}", f"{x}" f"{w}" "plain", f"{items[1]!r}{len(items)}")
print(f"{3.14159:.{w // 4}f}", f"{x:{w}d}", f"{x:0{w}b}", f"{-x:{'+'}{w}}")
nested = {"k": {"j": [10, 20]}}
print(f"{nested['k']['j'][-1]:^6}|", f"{sum(v for v in range(4)):03}", f"{(lambda: 'lam')()}")
print(f"{x=:>{w}}", f"{items=}", f"{1 + 1 = }", f"{x!s:^{w}.1}")
class C:
    def __format__(self, spec):
        return "<" + spec + ">"
print(f"{C():{x}{w}}", f"{C()!s:.10}"[:8] == "<__main_" , f"{C()}", format(C(), "abc"))
print(f"{'tab':\t^7}|" if False else f"{'x':-^7}|", f"{x:_}", f"{1e6:_.1f}", f"{123456789:,}")
print(f"{'é':>3}|{'😀':<3}|{'ab':^1}|", f"{True:d}", f"{2.0:.0%}", f"{0.5:g}", f"{float('inf'):>5}")
try:
    f"{x:{'>'}{'x'}}"
except ValueError as e:
    print("ValueError:", e)
try:
    f"{x!r:{w}d}"
except ValueError as e:
    print("ValueError:", e)
