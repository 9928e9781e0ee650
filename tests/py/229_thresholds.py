# get_threshold / set_threshold; unspecified values stay; argument errors
import gc
print(gc.get_threshold())
gc.set_threshold(500)
print(gc.get_threshold())
gc.set_threshold(100, 5)
print(gc.get_threshold())
gc.set_threshold(1, 2, 3)
print(gc.get_threshold())
gc.set_threshold(0)
print(gc.get_threshold(), gc.isenabled())
for args in ((), (1, 2, 3, 4), ("a",), (1.5,)):
    try:
        gc.set_threshold(*args)
    except TypeError as e:
        print(type(e).__name__, e)
gc.set_threshold(700, 10, 10)
print(gc.get_threshold())
gc.set_threshold(-5, -1, -1)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
