# classes are always in reference cycles with their own attributes; deleting one needs the collector
import gc
gc.collect()
def make_class():
    class Local:
        pass
    return Local
C = make_class()
inst = C()
del C
print("class kept alive by its instance:", gc.collect())
del inst
print("class garbage (type, its dict, mro, descriptors...):", gc.collect())
class Plain:
    pass
del Plain
print("a module-level class too:", gc.collect())
class WithMethods:
    x = 1
    def a(self):
        pass
    def b(self):
        pass
del WithMethods
print("a class with two methods:", gc.collect())
print("nothing left afterwards:", gc.collect())
