# gc.get_count deltas of with statements, closures, class creation and generators (no print in windows)
import gc
class CM:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        return False
cm = CM()
def closure():
    x = 1
    def f():
        return x
    return f
def gen():
    yield 1
gc.collect()
gc.disable()
out = []
c0 = gc.get_count()[0]
with cm:
    pass
out.append(gc.get_count()[0] - c0)
f = closure()
out.append(gc.get_count()[0] - c0)
class K:
    pass
out.append(gc.get_count()[0] - c0)
g = gen()
out.append(gc.get_count()[0] - c0)
for v in gen():
    pass
out.append(gc.get_count()[0] - c0)
lam = lambda: 1
out.append(gc.get_count()[0] - c0)
try:
    raise ValueError
except ValueError:
    pass
out.append(gc.get_count()[0] - c0)
gc.enable()
print(out)
