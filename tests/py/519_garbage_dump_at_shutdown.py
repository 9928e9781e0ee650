# at shutdown, with DEBUG_UNCOLLECTABLE (and not SAVEALL), a non-empty gc.garbage is printed to stderr
import gc
gc.collect()
gc.garbage.append([1, 2])
gc.garbage.append("text")
gc.set_debug(gc.DEBUG_UNCOLLECTABLE)
print("garbage:", len(gc.garbage))
