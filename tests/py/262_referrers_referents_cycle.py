# get_referrers / get_referents walk both directions of a small cycle
import gc
gc.collect()
class N:
    def __init__(self, name):
        self.name = name
    def __repr__(self):
        return "N(" + self.name + ")"
a = N("a")
b = N("b")
a.peer = b
b.peer = a
print([o for o in gc.get_referents(a) if type(o) is N])
print(sorted([repr(o) for o in gc.get_referrers(a) if type(o) is N]))
container = [a, b]
print(len([o for o in gc.get_referrers(a) if o is container]))
print(gc.get_referents(container))
vars(a)
print([type(o).__name__ for o in gc.get_referents(a)], [type(o).__name__ for o in gc.get_referrers(vars(a))])
