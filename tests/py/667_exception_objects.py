# exception objects: args, str/repr, attributes, custom __init__/__str__, __traceback__, with_traceback
class MyErr(Exception):
    def __init__(self, code, msg):
        super().__init__(code, msg)
        self.code = code
    def __str__(self):
        return "E%d: %s" % (self.code, self.args[1])
try:
    raise MyErr(4, "four")
except MyErr as e:
    print(e, repr(e), e.args, e.code, isinstance(e, Exception))
print(repr(ValueError()), str(ValueError()), str(ValueError("a", 1)), repr(KeyError("k")), str(KeyError("k")))
print(OSError(2, "No such").errno, OSError(2, "No such").strerror, str(OSError(2, "No such")))
print(str(StopIteration(5)), StopIteration(5).value, SystemExit(3).code, repr(UnicodeError("u")))
def raiser():
    raise LookupError("deep")
try:
    raiser()
except LookupError as e:
    tb = e.__traceback__
    lines = []
    while tb is not None:
        lines.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    print(lines)
e = ValueError("fresh")
print(e.__traceback__, e.__context__, e.__cause__)
try:
    raise e.with_traceback(None)
except ValueError as caught:
    print(caught is e, caught.__traceback__.tb_lineno)
e.add_note("a note")
print(e.__notes__)
class Base(Exception):
    pass
class Child(Base):
    pass
try:
    raise Child
except Base as b:
    print(type(b).__name__, b.args)
print(issubclass(KeyError, LookupError), ZeroDivisionError.__mro__[1].__name__, BaseException.__subclasses__ is not None)
