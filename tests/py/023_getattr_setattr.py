# getattr / setattr / hasattr on instances, classes and builtins
class C:
    cls_attr = "class-level"
    def __init__(self):
        self.a = 1
    def meth(self):
        return "meth of " + type(self).__name__
c = C()
print(getattr(c, "a"), getattr(c, "cls_attr"), getattr(c, "nope", "dflt"), getattr(C, "cls_attr"))
setattr(c, "b", 2)
setattr(c, "a", 10)
print(c.a, c.b, vars(c), hasattr(c, "b"), hasattr(c, "zzz"), hasattr(C, "meth"))
print(getattr(c, "meth")(), getattr(C, "meth")(c))
setattr(C, "added", 42)
print(c.added, C.added, hasattr(c, "added"))
name = "dyn" + "amic"
setattr(c, name, "ok")
print(getattr(c, "dynamic"), c.dynamic)
print(getattr([], "append") is not None, hasattr([], "append"), hasattr(5, "real"))
print(getattr(5, "real"), getattr(2.5, "imag"), getattr("s", "upper")())
def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
show(lambda: getattr(c, "missing"))
show(lambda: getattr(C, "missing"))
show(lambda: getattr(5, "missing"))
show(lambda: getattr(c, 5))
show(lambda: setattr(5, "x", 1))
show(lambda: setattr([], "append", 1))
show(lambda: setattr(c, 1, 2))
show(lambda: hasattr(c, None))
show(lambda: getattr(c))
show(lambda: c.missing_attr)
show(lambda: None.foo)
show(lambda: "str".nothing)
