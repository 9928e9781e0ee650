# metaclass instances alive at exit (the interpreter tears them down) and __del__ on their instances
class Meta(type):
    def describe(cls):
        return "class " + cls.__name__
class Base(metaclass=Meta):
    def __del__(self):
        print("del", type(self).__name__)
class Child(Base):
    pass
print(Base.describe(), Child.describe())
keep = [Base(), Child()]
cyc = Meta("Cyc", (Base,), {})
cyc.me = cyc
last = cyc()
print("end of script")
