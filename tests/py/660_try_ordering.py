# try/except/else/finally: execution order with return/break/continue, finally overriding return
log = []
def f(mode):
    try:
        log.append("try")
        if mode == "raise":
            raise ValueError(mode)
        if mode == "return":
            return "from try"
    except ValueError:
        log.append("except")
        return "from except"
    else:
        log.append("else")
        return "from else"
    finally:
        log.append("finally")
for m in ("ok", "raise", "return"):
    print(m, f(m), log)
    log.clear()
def override():
    try:
        return "try"
    finally:
        return "finally"
print(override())
def swallow():
    try:
        raise KeyError("lost")
    finally:
        return "swallowed"
print(swallow())
def loop():
    out = []
    for i in range(4):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append("f%d" % i)
    else:
        out.append("else")
    return out
print(loop())
def nested():
    try:
        try:
            raise TypeError("inner")
        except ValueError:
            return "wrong"
        finally:
            log.append("inner finally")
    except TypeError as e:
        log.append("outer caught " + str(e))
    return log
print(nested())
def name_cleared():
    try:
        raise OSError(2, "nope")
    except OSError as err:
        pass
    try:
        return err
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)
print(name_cleared())
try:
    raise ValueError("a")
except (TypeError, ValueError) as e:
    print("tuple handler", type(e).__name__)
except Exception:
    print("never")
