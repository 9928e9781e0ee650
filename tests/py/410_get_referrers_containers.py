# gc.get_referrers: which tracked containers refer to an object
import gc
gc.collect()
class Box:
    pass
target = Box()
lst = [target]
tup = (target, 1)
dct = {"k": target}
st = None
b = Box()
b.attr = target
nested = [[target]]
refs = gc.get_referrers(target)
kinds = sorted([type(r).__name__ for r in refs])
print(kinds)
print(any([r is lst for r in refs]), any([r is tup for r in refs]), any([r is dct for r in refs]))
print(any([r is nested for r in refs]), any([r is nested[0] for r in refs]))
mod = vars()
print("module dict:", any([r is mod for r in refs]))
print("instance b (inline values):", any([r is b for r in refs]))
vars(b)
refs = gc.get_referrers(target)
print("instance dict after vars():", any([r is vars(b) for r in refs]), any([r is b for r in refs]))
del refs
print(len(gc.get_referrers(12345678)) >= 0, gc.get_referrers())
