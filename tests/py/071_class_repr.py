# __repr__: used by repr(), str(), print, containers and f-strings
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)
p = Point(1, "two")
print(p)
print(repr(p), str(p), [p, p], (p,), {"k": p}, f"{p}", f"{p!r}", "%s|%r" % (p, p))
class Node:
    def __init__(self, val, children=None):
        self.val = val
        self.children = children or []
    def __repr__(self):
        return "Node(" + repr(self.val) + ", " + repr(self.children) + ")"
print(Node(1, [Node(2), Node(3, [Node(4)])]))
class BadRepr:
    def __repr__(self):
        return 42
try:
    repr(BadRepr())
except TypeError as e:
    print(type(e).__name__, e)
class Sub(Point):
    pass
print(Sub(3, 4))
class Recursive:
    def __repr__(self):
        return "R[" + repr(self.items) + "]"
r = Recursive()
r.items = [1, 2]
print(r)
