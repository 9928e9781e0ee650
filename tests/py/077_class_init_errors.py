# errors from class construction and attribute access
class Bad:
    def __init__(self):
        return 5
try:
    Bad()
except TypeError as e:
    print(type(e).__name__, e)
class Needs:
    def __init__(self, a, b):
        self.a = a
try:
    Needs(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    Needs(1, 2, 3)
except TypeError as e:
    print(type(e).__name__, e)
n = Needs(1, 2)
try:
    n.b
except AttributeError as e:
    print(type(e).__name__, e)
class NoInit:
    pass
try:
    NoInit(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    Needs.a
except AttributeError as e:
    print(type(e).__name__, e)
class Meth:
    def m():
        return "no self"
try:
    Meth().m()
except TypeError as e:
    print(type(e).__name__, e)
print(Meth.m())
