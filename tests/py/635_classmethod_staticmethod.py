# classmethod / staticmethod: binding, alternative constructors, calls via instance and subclass
class Point:
    count = 0
    def __init__(self, x, y):
        self.x, self.y = x, y
        Point.count += 1
    @classmethod
    def origin(cls):
        return cls(0, 0)
    @classmethod
    def from_pair(cls, pair):
        return cls(*pair)
    @staticmethod
    def dist(a, b):
        return abs(a.x - b.x) + abs(a.y - b.y)
    def __repr__(self):
        return "%s(%d, %d)" % (type(self).__name__, self.x, self.y)
class P3(Point):
    pass
print(Point.origin(), P3.origin(), P3.from_pair((2, 3)), Point.count)
p = Point(1, 5)
print(p.origin(), p.dist(p, Point.origin()), Point.dist(p, P3(4, 4)))
print(type(Point.__dict__["origin"]).__name__, type(Point.__dict__["dist"]).__name__)
print(Point.origin.__self__ is Point, P3.origin.__self__ is P3, Point.dist.__name__)
print(Point.__dict__["dist"].__func__ is Point.dist)
def helper(cls):
    return cls.__name__
cm = classmethod(helper)
sm = staticmethod(len)
class Q:
    name = cm
    length = sm
print(Q.name(), Q().name(), Q.length("abcd"))
