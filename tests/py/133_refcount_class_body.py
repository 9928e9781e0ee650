# references held by class attributes, method defaults and the class namespace
import sys
class Token:
    pass
t = Token()
print("start:", sys.getrefcount(t))
class Holder:
    shared = t
    pair = (t, t)
    def method(self, dflt=t):
        return dflt
print("class attr + tuple of 2 + method default:", sys.getrefcount(t))
h = Holder()
print("instance reads the class attribute:", h.shared is t, sys.getrefcount(t))
del Holder.pair
print("tuple attribute deleted:", sys.getrefcount(t))
Holder.shared = None
print("class attribute rebound:", sys.getrefcount(t))
