# return/break inside finally in generators and functions; exceptions replaced by finally
def gen_ret():
    try:
        yield 1
        return "normal"
    finally:
        print("gen finally")
g = gen_ret()
next(g)
try:
    next(g)
except StopIteration as e:
    print("value", e.value)
def finally_return_in_gen():
    try:
        yield 1
        raise ValueError("lost")
    finally:
        return "from finally"
h = finally_return_in_gen()
next(h)
try:
    next(h)
except StopIteration as e:
    print("value", e.value)
def finally_raises():
    try:
        raise KeyError("first")
    finally:
        raise TypeError("second")
try:
    finally_raises()
except TypeError as e:
    print(repr(e), repr(e.__context__))
def break_in_finally():
    for i in range(3):
        try:
            raise ValueError(i)
        finally:
            break
    return i
print(break_in_finally())
def continue_in_finally():
    out = []
    for i in range(3):
        try:
            if i == 1:
                raise ValueError
            out.append(i)
        finally:
            continue
    return out
print(continue_in_finally())
def nested_finally():
    log = []
    try:
        try:
            return log
        finally:
            log.append("inner")
    finally:
        log.append("outer")
print(nested_finally())
