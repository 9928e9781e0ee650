# exception objects: args, str and repr with 0/1/2 args, KeyError's repr in str, custom attributes
for e in (Exception(), Exception("one"), Exception("a", 2), ValueError(5), KeyError("k"), KeyError("a", "b"), KeyError()):
    print(type(e).__name__, e.args, "str=" + str(e), "repr=" + repr(e))
class MyError(Exception):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code
try:
    raise MyError(404, "not found")
except MyError as e:
    print(e.code, e, repr(e), e.args, isinstance(e, Exception))
class Plain(ValueError):
    pass
try:
    raise Plain
except ValueError as e:
    print(type(e).__name__, repr(e), str(e) == "")
try:
    {}["missing"]
except LookupError as e:
    print(type(e).__name__, e, repr(e))
try:
    raise TypeError("bad", "args", 3)
except TypeError as e:
    print(e, e.args[2])
e = ValueError("mutable")
e.args = ("changed",)
print(e, repr(e))
e.extra = [1]
print(e.extra, e.__traceback__, e.__context__, e.__cause__, e.__suppress_context__)
try:
    raise 5
except TypeError as ex:
    print(type(ex).__name__, ex)
try:
    raise ValueError
except ValueError as ex:
    print(repr(ex), ex.args)
