# gc.get_referrers finds the generator holding an object in its suspended frame
import gc
class Box:
    pass
def holder(b):
    yield b
    yield None
gc.collect()
b = Box()
h = holder(b)
print(any(r is h for r in gc.get_referrers(b)))
next(h)
print(any(r is h for r in gc.get_referrers(b)))
print(any(r is b for r in gc.get_referents(h)))
next(h)
print(any(r is h for r in gc.get_referrers(b)))
h.close()
print([type(r).__name__ for r in gc.get_referents(h)])
print(any(r is h for r in gc.get_referrers(b)))
