# except* with ExceptionGroup: splitting, nested groups, re-raise of unhandled parts
def run(excs):
    try:
        raise ExceptionGroup("grp", excs)
    except* ValueError as eg:
        print("ValueError part:", [str(e) for e in eg.exceptions])
    except* TypeError as eg:
        print("TypeError part:", [str(e) for e in eg.exceptions], type(eg).__name__)
try:
    run([ValueError("v1"), TypeError("t1"), ValueError("v2")])
    run([KeyError("k")])
except ExceptionGroup as eg:
    print("escaped:", eg.message, [repr(e) for e in eg.exceptions])
eg = ExceptionGroup("outer", [ValueError("a"), ExceptionGroup("inner", [TypeError("b"), ValueError("c")])])
match, rest = eg.split(ValueError)
print(repr(match), repr(rest))
print(eg.subgroup(lambda e: isinstance(e, TypeError)))
try:
    raise ValueError("bare")
except* ValueError as eg:
    print(type(eg).__name__, eg.exceptions)
try:
    ExceptionGroup("x", [])
except ValueError as e:
    print("ValueError:", e)
print(isinstance(ExceptionGroup("m", [KeyError()]), Exception), repr(BaseExceptionGroup("b", [KeyboardInterrupt()])))
