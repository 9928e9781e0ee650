# gc.get_referrers(): tracked containers that refer to the object (untracked ones are invisible)
import gc
gc.collect()
class A:
    pass
target = A()
in_list = [target]
in_tuple = (target, 1)
in_dict = {"k": target}
holder = A()
holder.t = target
names = sorted([type(o).__name__ for o in gc.get_referrers(target)])
print(names)
print("list found:", any([o is in_list for o in gc.get_referrers(target)]))
print("instance with inline values found:", any([o is holder for o in gc.get_referrers(target)]))
big = 10**30
atomic = {"x": big}
tracked = [big]
refs = gc.get_referrers(big)
print("untracked dict not found:", any([o is atomic for o in refs]), "list found:", any([o is tracked for o in refs]))
def f(x):
    return [type(o).__name__ for o in gc.get_referrers(x)]
print("a function's locals are not an object:", f(A()))
print("no arguments:", gc.get_referrers())
