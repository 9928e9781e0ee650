# gc.get_objects(): tracked objects only; generation membership moves with collections
import gc
gc.disable()
gc.collect()
def present(obj, gen=None):
    return any([o is obj for o in gc.get_objects(gen)])
class A:
    pass
a = A()
lst = [a]
atomic = {"k": 1}
print("instance, list, untracked dict:", present(a), present(lst), present(atomic))
print("gen:", [present(a, g) for g in range(3)])
gc.collect(0)
print("after collect(0):", [present(a, g) for g in range(3)])
gc.collect(0)
print("again collect(0) (gen 1 not collected):", [present(a, g) for g in range(3)])
gc.collect(1)
print("after collect(1):", [present(a, g) for g in range(3)])
gc.collect(2)
print("after collect(2):", [present(a, g) for g in range(3)])
b = A()
gc.collect(1)
print("new object after collect(1) goes straight to gen 2:", [present(b, g) for g in range(3)])
r = gc.get_objects()
print("result list excludes itself:", present(r), any([o is r for o in r]))
print("ints and strs never:", present(12345), present("str"))
gc.enable()
