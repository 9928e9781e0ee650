# gc.freeze moves everything to the permanent generation: frozen cycles are not collected until unfreeze
import gc
gc.collect()
class N:
    pass
def cycles(k):
    for i in range(k):
        n = N()
        n.me = n
base = gc.get_freeze_count()
cycles(4)
gc.freeze()
frozen = gc.get_freeze_count() - base
print("frozen at least the 4 cycles:", frozen >= 4)
print("collect while frozen:", gc.collect())
cycles(2)
print("new cycles still collected:", gc.collect())
print("count after freeze:", gc.get_count()[1:], gc.get_freeze_count() - base == frozen)
gc.unfreeze()
print("freeze count after unfreeze:", gc.get_freeze_count())
print("collect after unfreeze:", gc.collect())
gc.freeze()
gc.freeze()
print("double freeze ok:", gc.get_freeze_count() > 0)
gc.unfreeze()
print(gc.get_freeze_count())
