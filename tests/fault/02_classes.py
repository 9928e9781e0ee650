# classes: inheritance, super, properties, class attributes, __slots__, repr
class Shape:
    count = 0
    def __init__(self, name):
        self.name = name
        Shape.count += 1
    def area(self):
        return 0
    def __repr__(self):
        return f"{type(self).__name__}({self.name!r}, {self.area()})"

class Rect(Shape):
    def __init__(self, w, h):
        super().__init__("rect")
        self.w, self.h = w, h
    @property
    def size(self):
        return (self.w, self.h)
    def area(self):
        return self.w * self.h

class Point:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y

shapes = [Rect(i, i + 1) for i in range(3)] + [Shape("blob")]
print(shapes, Shape.count)
print(shapes[1].size, isinstance(shapes[0], Shape), Rect.__mro__[1].__name__)
p = Point(1, 2)
p.x += 5
print(p.x, p.y, hasattr(p, "__dict__"))
