# subclasses of str: __new__ transforming the value, methods returning plain str, str() of the subclass
class Upper(str):
    def __new__(cls, v):
        return super().__new__(cls, v.upper())
u = Upper("abc")
print(u, type(u).__name__, u + "d", isinstance(u, str), len(u))
class Tag(str):
    def wrap(self):
        return "<" + self + ">"
t = Tag("b")
print(t.wrap(), type(t.upper()).__name__, type(str(t)).__name__, t == "b", hash(t) == hash("b"), {t: 1}["b"])
