# metaclass __call__ + context managers + generators together: with inside a generator over metaclass-made resources, classes created by a generator
import gc, sys
gc.collect()
class Meta(type):
    def __call__(cls, *a, **k):
        inst = super().__call__(*a, **k)
        inst.created_by_meta = True
        return inst
class Res(metaclass=Meta):
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("open", self.name)
        return self
    def __exit__(self, et, ev, tb):
        print("close", self.name, et.__name__ if et else "ok")
        return et is KeyError
def pipeline(names):
    for n in names:
        with Res(n) as r:
            if n == "bad":
                raise KeyError(n)
            yield r.name.upper(), r.created_by_meta
print(list(pipeline(["a", "bad", "c"])))
g = pipeline(["x", "y"])
print(next(g))
del g
print(gc.collect())
class Registry(type):
    by_name = {}
    def __new__(m, name, bases, ns):
        cls = super().__new__(m, name, bases, ns)
        m.by_name[name] = cls
        return cls
def make_plugins():
    for i in range(3):
        yield Registry("P%d" % i, (), {"n": i})
plugins = list(make_plugins())
print(sorted(Registry.by_name), [p.n for p in plugins], sys.getrefcount(plugins[0]))
Registry.by_name.clear()
del plugins
print(gc.collect() > 0 or True)
