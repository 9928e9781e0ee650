# gc.collect() counts every GC object of the garbage, whatever its type
import gc
gc.collect()
class A:
    pass
root = A()
root.me = root
root.items = [A(), A(), [A()], (A(), [])]
root.table = {"a": A(), "b": [[], []]}
root.fs = frozenset([A()])
root.s = {1, 2}
root.text = "not a GC object" * 10
root.num = 10**100
del root
print(gc.collect())
