# gc.freeze() sets all three counts to 0; unfrozen objects join generation 2
import gc
gc.disable()
gc.collect()
keep = [[] for i in range(5)]
gc.collect(0)
gc.collect(1)
keep2 = [[] for i in range(3)]
c_before = gc.get_count()
gc.freeze()
c_after = gc.get_count()
gc.unfreeze()
def gen_of(obj):
    for g in range(3):
        if any([o is obj for o in gc.get_objects(g)]):
            return g
    return None
print(c_before, c_after)
print("after unfreeze:", gen_of(keep[0]), gen_of(keep2[0]), gen_of(keep))
gc.enable()
