# property: getter/setter/deleter, decorator forms, read-only errors, docstrings, inheritance
class Temp:
    def __init__(self):
        self._c = 0
    @property
    def celsius(self):
        "the temperature"
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273:
            raise ValueError("too cold")
        self._c = v
    @celsius.deleter
    def celsius(self):
        print("deleting")
        self._c = None
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32
t = Temp()
t.celsius = 100
print(t.celsius, t.fahrenheit, Temp.celsius.__doc__)
try:
    t.fahrenheit = 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
del t.celsius
print(t.celsius)
try:
    del t.fahrenheit
except AttributeError as e:
    print("AttributeError:", e)
class Sub(Temp):
    @property
    def celsius(self):
        return "sub"
print(Sub().celsius, type(Temp.celsius).__name__)
def get_x(self):
    return 42
class Old:
    x = property(get_x, None, None, "x doc")
print(Old().x, Old.x.__doc__, Old.x.fget is get_x, Old.x.fset)
try:
    Old().x = 1
except AttributeError as e:
    print("AttributeError:", e)
