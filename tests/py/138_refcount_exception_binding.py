# `except E as e` binds the exception for the handler only; the name is deleted at its end
import sys
class Payload:
    pass
p = Payload()
inside = []
try:
    raise ValueError(p)
except ValueError as e:
    inside.append(sys.getrefcount(e))
    inside.append(sys.getrefcount(p))
print("inside handler (exception, payload):", inside)
print("after handler, payload:", sys.getrefcount(p))
try:
    e
except NameError as err:
    print("name bound by except is gone:", type(err).__name__, err)
def in_function():
    q = Payload()
    try:
        raise KeyError(q)
    except KeyError as exc:
        during = sys.getrefcount(q)
    return during, sys.getrefcount(q)
print("in a function (during, after):", in_function())
