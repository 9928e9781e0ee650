# __del__ is inherited; a subclass can extend it with super().__del__()
import gc
gc.collect()
class Base:
    def __del__(self):
        print("Base.__del__ for", type(self).__name__)
class Child(Base):
    pass
class Extending(Base):
    def __del__(self):
        print("Extending.__del__")
        super().__del__()
class Overriding(Base):
    def __del__(self):
        print("Overriding.__del__ only")
for cls in (Base, Child, Extending, Overriding):
    obj = cls()
    del obj
print("done")
