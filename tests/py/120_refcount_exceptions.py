# references to exception objects and to objects carried in their args
import sys
class Payload:
    pass
p = Payload()
print("payload:", sys.getrefcount(p))
e = ValueError(p)
print("in exception args:", sys.getrefcount(p))
try:
    raise e
except ValueError as caught:
    print("while handled:", sys.getrefcount(p), caught is e)
print("after handler:", sys.getrefcount(p))
del e
print("exception dropped:", sys.getrefcount(p))
def raiser():
    raise KeyError(Payload())
try:
    raiser()
except KeyError as k:
    print("arg of caught exception:", sys.getrefcount(k.args[0]))
saved = None
try:
    raise RuntimeError(p)
except RuntimeError as r:
    saved = r
print("saved exception keeps payload:", sys.getrefcount(p))
saved = None
print("released:", sys.getrefcount(p))
