# sys.getsizeof of the other builtin types
import sys
g = sys.getsizeof
print("None", g(None), "True", g(True), "float", g(1.5), g(1e300), g(float("nan")))
print("range", g(range(10)), g(range(10**30)), "object", g(object()))
print("empty containers:", g([]), g(()), g({}), g(set()), g(frozenset()), g(""), g(b""), g(bytearray()))
def f():
    pass
class C:
    def m(self):
        pass
print("function", g(f), "lambda", g(lambda: 0), "bound method", g(C().m), "class instance", g(C()))
print("list iterator", g(iter([])), "dict keys view", g({}.keys()), "enumerate", g(enumerate([])), "zip", g(zip()))
print("default for non-sizeable:", g(5, "dflt"))
try:
    sys.getsizeof()
except TypeError as e:
    print(type(e).__name__, e)
