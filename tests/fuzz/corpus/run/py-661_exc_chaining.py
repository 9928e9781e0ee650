# exception chaining: __context__, __cause__, __suppress_context__, raise from None
def ctx():
    try:
        1 / 0
    except ZeroDivisionError:
        raise KeyError("during")
try:
    ctx()
except KeyError as e:
    print(repr(e.__context__), e.__cause__, e.__suppress_context__)
def cause():
    try:
        {}["k"]
    except KeyError as k:
        raise ValueError("converted") from k
try:
    cause()
except ValueError as e:
    print(repr(e.__cause__), repr(e.__context__), e.__suppress_context__)
def none():
    try:
        [][1]
    except IndexError:
        raise RuntimeError("clean") from None
try:
    none()
except RuntimeError as e:
    print(e.__cause__, repr(e.__context__), e.__suppress_context__)
e = ValueError("x")
e.__cause__ = TypeError("t")
print(e.__suppress_context__)
try:
    raise ValueError from 5
except TypeError as err:
    print("TypeError:", err)
try:
    raise ValueError("v") from TypeError
except ValueError as err:
    print(repr(err.__cause__))
def reraise():
    try:
        raise KeyError(1)
    except KeyError as k:
        try:
            raise
        except KeyError as k2:
            return k is k2, k2.__context__
print(reraise())
def loop_ctx():
    try:
        raise ValueError("outer")
    except ValueError as outer:
        try:
            raise outer
        except ValueError as same:
            return same.__context__ is None
print(loop_ctx())
