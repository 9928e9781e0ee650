# raise: instances, classes, custom exception types, args and str
class AppError(Exception):
    pass
class DetailedError(AppError):
    def __init__(self, code, msg):
        super().__init__(code, msg)
        self.code = code
for thing in (ValueError, ValueError("with msg"), AppError("app"), DetailedError(404, "nf"),
              KeyError("key"), Exception(), Exception(1, 2), RuntimeError(None), IndexError(""),
              StopIteration(7), AssertionError("a")):
    try:
        raise thing
    except Exception as e:
        print(type(e).__name__, "|", str(e), "|", repr(e), "|", e.args)
try:
    raise DetailedError(500, "boom")
except AppError as e:
    print("caught as AppError:", e.code, isinstance(e, DetailedError))
try:
    raise 5
except TypeError as e:
    print(type(e).__name__, e)
class NotAnException:
    pass
try:
    raise NotAnException()
except TypeError as e:
    print(type(e).__name__, e)
def thrower(kind):
    if kind == 1:
        raise ValueError("one")
    if kind == 2:
        raise TypeError("two")
    return "none"
for k in (1, 2, 3):
    try:
        print(thrower(k))
    except (ValueError, TypeError) as e:
        print("got", type(e).__name__, e)
e = ValueError("stored")
print(e, e.args, isinstance(e, Exception), isinstance(e, BaseException))
print(isinstance(KeyError(), LookupError), isinstance(ZeroDivisionError(), ArithmeticError))
