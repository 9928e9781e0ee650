# the depth reached before RecursionError through different call paths (each C-level hop costs a unit)
import sys
depth = [0]
def direct(n):
    depth[0] = n
    direct(n + 1)
class C:
    def meth(self, n):
        depth[0] = n
        self.meth(n + 1)
    def __init__(self, n):
        depth[0] = n
        if n >= 0:
            C(n + 1)
    def __repr__(self):
        depth[0] += 1
        return repr(self)
def via_map(n):
    depth[0] = n
    return list(map(via_map, [n + 1]))
def via_sorted(n):
    depth[0] = n
    return sorted([n + 1], key=via_sorted)
lam = lambda n: (depth.__setitem__(0, n), lam(n + 1))
def via_getattr(n):
    depth[0] = n
    return getattr(C, "x", via_getattr(n + 1))
class Enter:
    def __init__(self, n):
        self.n = n
    def __enter__(self):
        depth[0] = self.n
        with Enter(self.n + 1):
            pass
    def __exit__(self, a, b, c):
        return False
def run(name, f):
    depth[0] = 0
    try:
        f()
    except RecursionError as e:
        print(name, depth[0], e)
run("direct", lambda: direct(0))
run("method", lambda: C(-5).meth(0))
run("class call", lambda: C(0))
run("repr", lambda: repr(C(-5)))
run("map", lambda: via_map(0))
run("sorted key", lambda: via_sorted(0))
run("lambda", lambda: lam(0))
run("argument", lambda: via_getattr(0))
def with_stmt():
    with Enter(0):
        pass
run("with", with_stmt)
print(sys.getrecursionlimit())
