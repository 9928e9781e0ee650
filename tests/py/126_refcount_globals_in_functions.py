# reading a global inside a function does not add a lasting reference
import sys
class C:
    pass
g = C()
def read_global():
    return sys.getrefcount(g)
def copy_to_local():
    local = g
    return sys.getrefcount(g)
def store_global():
    global g2
    g2 = g
    return sys.getrefcount(g)
print(sys.getrefcount(g), read_global(), copy_to_local(), sys.getrefcount(g))
print(store_global(), sys.getrefcount(g))
del g2
print(sys.getrefcount(g))
registry = {}
def register(name, obj):
    registry[name] = obj
register("a", g)
register("b", g)
print("registered twice:", sys.getrefcount(g))
registry.clear()
print("cleared:", sys.getrefcount(g))
