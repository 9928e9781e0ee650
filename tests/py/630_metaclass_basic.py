# metaclasses written in Python: __new__/__init__/__call__, class keyword, type of type
log = []
class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        log.append("new %s %s %s" % (mcls.__name__, name, sorted(kw)))
        ns["tag"] = kw.get("tag", "none")
        return super().__new__(mcls, name, bases, ns)
    def __init__(cls, name, bases, ns, **kw):
        log.append("init " + name)
        super().__init__(name, bases, ns)
    def __call__(cls, *args):
        log.append("call %s %r" % (cls.__name__, args))
        return super().__call__(*args)
class A(metaclass=Meta, tag="t1"):
    def __init__(self, v):
        self.v = v
class B(A):
    pass
print(log); log.clear()
a = A(1)
b = B(2)
print(log, a.v, b.v, A.tag, B.tag)
print(type(A).__name__, type(B) is Meta, isinstance(A, type), type(Meta) is type)
print(Meta.__mro__ == (Meta, type, object), [c.__name__ for c in B.__mro__])
C = Meta("C", (), {"x": 5})
print(C.x, C.tag, type(C).__name__, log[-2:])
D = type("D", (A,), {})
print(type(D).__name__, D.tag)
