# vars(): instance and class namespaces; errors
class Point:
    kind = "pt"
    def __init__(self, x, y):
        self.x = x
        self.y = y
p = Point(1, 2)
print(vars(p))
vars(p)["z"] = 3
print(p.z, vars(p), vars(p) is vars(p), vars(p) is p.__dict__)
p.w = 4
print(vars(p))
del p.x
print(vars(p), hasattr(p, "x"))
ns = vars(Point)
print(type(ns).__name__, ns["kind"], "x" in ns, "__init__" in ns)
print([k for k in sorted(ns) if not k.startswith("__")])
class Empty:
    pass
print(vars(Empty()))
for bad in (5, "s", [1], None):
    try:
        vars(bad)
    except TypeError as e:
        print(type(e).__name__, e)
