# vars() / __dict__ of classes (mappingproxy) and instances, attribute lookup order, shadowing
class Base:
    shared = "base"
    def m(self):
        return "Base.m"
class C(Base):
    k = 1
    def m(self):
        return "C.m"
cd = vars(C)
print(type(cd).__name__, "k" in cd, "shared" in cd, "m" in cd, cd["k"])
print(sorted([k for k in cd if not k.startswith("__")]))
try:
    cd["new"] = 1
except TypeError as e:
    print(type(e).__name__, e)
C.new = 2
print("new" in cd, cd["new"], C.__dict__ is not None)
c = C()
print(vars(c), c.k, c.shared)
c.k = 10
c.shared = "mine"
print(vars(c), C.k, Base.shared)
del c.k
print(c.k, vars(c))
c.__dict__["direct"] = 3
print(c.direct, sorted(vars(c)))
print(vars(c) is c.__dict__)
c.m = lambda: "instance m"
print(c.m(), C.m(c), Base.m(c))
del C.m
print(c.m(), C().m())
setattr(C, "dyn", 5)
print(C().dyn, getattr(C, "dyn"), hasattr(Base, "dyn"))
del C.dyn
print(hasattr(C, "dyn"))
try:
    del C.dyn
except AttributeError as e:
    print(type(e).__name__, e)
