# gc.get_objects(generation): new containers sit in gen 0, move to 1 after collect(0), to 2 after collect(1)
import gc
gc.collect()
gc.disable()
def where(o):
    return [any([x is o for x in gc.get_objects(g)]) for g in (0, 1, 2)]
marker = []
print("new:", where(marker))
gc.collect(0)
print("after collect(0):", where(marker))
gc.collect(1)
print("after collect(1):", where(marker))
gc.collect(0)
print("stays in gen 2:", where(marker))
atom = "not tracked"
print("untracked:", any([x is atom for x in gc.get_objects()]))
d = {}
print("untracked dict:", where(d))
d["x"] = []
print("tracked dict:", where(d))
gc.enable()
for bad in (3, -1):
    try:
        gc.get_objects(bad)
    except ValueError as e:
        print(type(e).__name__, e)
print(any([x is marker for x in gc.get_objects(generation=None)]))
