# exceptions raised inside handlers; nested try in loops; exceptions as values
def handler_raises():
    try:
        try:
            raise ValueError("first")
        except ValueError:
            raise KeyError("second")
    except KeyError as e:
        return type(e).__name__ + " " + str(e) + " context=" + type(e.__context__).__name__
print(handler_raises())
errors = []
for v in ["1", "x", "2", None, "3.5"]:
    try:
        errors.append(int(v))
    except ValueError as e:
        errors.append("VE")
    except TypeError as e:
        errors.append("TE")
print(errors)
def first_error(fns):
    for f in fns:
        try:
            f()
        except Exception as e:
            return e
    return None
e = first_error([lambda: 1, lambda: [][1], lambda: 1 / 0])
print(type(e).__name__, e.args)
saved = []
for i in range(3):
    try:
        raise RuntimeError(i)
    except RuntimeError as err:
        saved.append(err)
print([s.args[0] for s in saved])
try:
    raise ValueError("a", "b")
except ValueError as e:
    print(*e.args)
def cleanup_order():
    log = []
    for i in range(2):
        try:
            try:
                raise IndexError(i)
            finally:
                log.append("inner finally %d" % i)
        except IndexError as e:
            log.append("caught %s" % e)
    return log
print(cleanup_order())
def nested():
    try:
        try:
            raise TypeError("t")
        except ValueError:
            return "wrong handler"
    except TypeError as e:
        return "outer handler got " + repr(e)
print(nested())
