# exceptions: raise, except, finally, chaining, tracebacks kept alive
def fail(n):
    if n == 0:
        raise ValueError("bottom")
    return fail(n - 1)

try:
    fail(3)
except ValueError as e:
    print("caught", e, e.__traceback__ is not None)

try:
    try:
        {}["missing"]
    except KeyError as e:
        raise RuntimeError("wrapped") from e
except RuntimeError as e:
    print(type(e.__cause__).__name__, e.__cause__.args)

def cleanup():
    try:
        return 1 / 0
    except ZeroDivisionError:
        return "div"
    finally:
        print("finally")
print(cleanup())
errs = []
for v in ("1", "x", "3"):
    try:
        errs.append(int(v))
    except ValueError as e:
        errs.append(str(e))
print(errs)
