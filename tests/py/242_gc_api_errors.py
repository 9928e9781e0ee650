# argument errors of the gc functions
import gc
def show(f):
    try:
        print(f())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
show(lambda: gc.collect(3))
show(lambda: gc.collect(-1))
show(lambda: gc.collect(1, 2))
show(lambda: gc.get_objects(3))
show(lambda: gc.get_objects(-2))
show(lambda: gc.get_objects("0"))
show(lambda: gc.is_tracked())
show(lambda: gc.is_tracked(1, 2))
show(lambda: gc.is_finalized())
show(lambda: gc.get_count(1))
show(lambda: gc.enable(1))
show(lambda: gc.freeze(1))
show(lambda: gc.get_threshold(1))
print(gc.is_tracked(1), gc.is_finalized(1), gc.is_finalized([]), type(gc.garbage).__name__, type(gc.callbacks).__name__)
print(len(gc.get_objects(None)) >= 0, gc.get_objects(-1) is not None)
