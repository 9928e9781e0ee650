# descriptor protocol: data vs non-data descriptors, precedence over instance dicts, __set__/__delete__
class NonData:
    def __get__(self, obj, owner):
        return "nondata"
class Data:
    def __get__(self, obj, owner):
        if obj is None:
            return "class access"
        return obj.__dict__.get("_d", "unset")
    def __set__(self, obj, value):
        obj.__dict__["_d"] = value * 2
    def __delete__(self, obj):
        obj.__dict__.pop("_d", None)
class C:
    nd = NonData()
    d = Data()
c = C()
print(c.nd, c.d, C.d)
c.__dict__["nd"] = "instance wins"
c.__dict__["d"] = "instance loses"
print(c.nd, c.d)
c.d = 5
print(c.d, sorted(vars(c)))
del c.d
print(c.d)
class Typed:
    def __init__(self, kind):
        self.kind = kind
    def __set_name__(self, owner, name):
        self.name = "_" + name
    def __get__(self, obj, owner):
        return getattr(obj, self.name)
    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError("%s must be %s" % (self.name[1:], self.kind.__name__))
        setattr(obj, self.name, value)
class Person:
    age = Typed(int)
    name = Typed(str)
p = Person()
p.age, p.name = 30, "Al"
print(p.age, p.name)
try:
    p.age = "old"
except TypeError as e:
    print("TypeError:", e)
def plain(self):
    return "bound to " + type(self).__name__
bound = plain.__get__(p, Person)
print(bound(), type(bound).__name__, plain.__get__(None, Person) is plain)
