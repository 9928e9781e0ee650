# gc debug flags: values, get/set, and no output for collectable-only flags that print nothing here
import gc
gc.collect()
print(gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
print(gc.DEBUG_LEAK == gc.DEBUG_COLLECTABLE | gc.DEBUG_UNCOLLECTABLE | gc.DEBUG_SAVEALL)
print(gc.get_debug())
gc.set_debug(gc.DEBUG_UNCOLLECTABLE)
print(gc.get_debug())
l = []
l.append(l)
del l
print("DEBUG_UNCOLLECTABLE, nothing uncollectable:", gc.collect())
gc.set_debug(0)
print(gc.get_debug())
for bad in ("x", 1.5, None):
    try:
        gc.set_debug(bad)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    gc.set_debug()
except TypeError as e:
    print(type(e).__name__, e)
