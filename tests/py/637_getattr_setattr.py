# __getattr__ (fallback only), __getattribute__, __setattr__, __delattr__ hooks with object.__setattr__
class Lazy:
    def __init__(self):
        self.real = 1
    def __getattr__(self, name):
        if name.startswith("x"):
            return "computed " + name
        raise AttributeError("no %s here" % name)
l = Lazy()
print(l.real, l.xyz, getattr(l, "nope", "dflt"), hasattr(l, "nope"), hasattr(l, "xa"))
try:
    l.nope
except AttributeError as e:
    print("AttributeError:", e)
class Recorder:
    def __init__(self):
        object.__setattr__(self, "log", [])
    def __setattr__(self, name, value):
        self.log.append("set " + name)
        object.__setattr__(self, name, value * 2)
    def __delattr__(self, name):
        self.log.append("del " + name)
        object.__delattr__(self, name)
r = Recorder()
r.a = 5
setattr(r, "b", "s")
del r.a
print(r.log, r.b, vars(r) == {"log": r.log, "b": "ss"})
class Spy:
    def __init__(self):
        self.v = 3
    def __getattribute__(self, name):
        if name == "secret":
            return "intercepted"
        return object.__getattribute__(self, name)
    def __getattr__(self, name):
        return "fallback " + name
s = Spy()
print(s.v, s.secret, s.missing)
class Proxy:
    def __init__(self, target):
        object.__setattr__(self, "_t", target)
    def __getattr__(self, name):
        return getattr(self._t, name)
    def __setattr__(self, name, value):
        setattr(self._t, name, value)
class Plain:
    pass
p = Plain()
px = Proxy(p)
px.color = "red"
print(p.color, px.color, "color" in vars(px), sorted(vars(p)))
