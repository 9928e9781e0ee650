# getattr/setattr/hasattr: defaults, AttributeError messages for instances, classes, modules and builtins
import gc
class C:
    cls_attr = 1
    def __init__(self):
        self.x = 1
c = C()
print(getattr(c, "x"), getattr(c, "y", "dflt"), getattr(C, "cls_attr"), hasattr(c, "y"), hasattr(c, "cls_attr"))
for obj, name in ((c, "missing"), (C, "missing"), (gc, "missing"), (5, "missing"), ("s", "missing"), ([], "x"), (None, "x")):
    try:
        getattr(obj, name)
    except AttributeError as e:
        print(type(e).__name__, e)
try:
    setattr(5, "x", 1)
except AttributeError as e:
    print(type(e).__name__, e)
try:
    setattr([], "x", 1)
except AttributeError as e:
    print(type(e).__name__, e)
try:
    object().x = 1
except AttributeError as e:
    print(type(e).__name__, e)
try:
    getattr(c, 5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    getattr(c)
except TypeError as e:
    print(type(e).__name__, e)
try:
    del c.nothere
except AttributeError as e:
    print(type(e).__name__, e)
setattr(c, "with space", 3)
print(getattr(c, "with space"), sorted(vars(c)))
print(hasattr(gc, "collect"), hasattr(gc, "nope"), getattr(gc, "nope", None))
try:
    len.x = 1
except AttributeError as e:
    print(type(e).__name__, e)
