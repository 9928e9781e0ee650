# gc.freeze(): everything tracked moves to the permanent generation, which is never collected
import gc
gc.disable()
gc.collect()
def present(obj):
    return any([o is obj for o in gc.get_objects()])
class A:
    pass
a = A()
a.me = a
before = gc.get_freeze_count()
gc.freeze()
frozen = gc.get_freeze_count() - before
print("frozen count grew:", frozen > 0, "counts reset:", gc.get_count())
print("frozen object is not in get_objects():", present(a), gc.is_tracked(a))
del a
print("frozen garbage is not collected:", gc.collect())
b = A()
b.me = b
del b
print("new garbage still is:", gc.collect())
n = gc.get_freeze_count()
gc.unfreeze()
print("unfreeze empties the permanent generation:", gc.get_freeze_count(), n > 0)
print("the formerly frozen cycle is collected now:", gc.collect())
gc.freeze()
gc.freeze()
m = gc.get_freeze_count()
gc.unfreeze()
gc.unfreeze()
print("twice is fine:", m > 0, gc.get_freeze_count())
gc.enable()
