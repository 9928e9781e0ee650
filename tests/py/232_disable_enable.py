# gc.disable() stops automatic collection but not counting; enable() lets the next allocation collect
import gc
gc.collect()
gc.set_threshold(50, 10, 10)
gc.disable()
keep = [[] for i in range(200)]
c1 = gc.get_count()
was = gc.isenabled()
gc.enable()
keep.append([])
c2 = gc.get_count()
now = gc.isenabled()
gc.set_threshold(700, 10, 10)
print(was, c1[0] > 50, c1[1:], now, c2)
gc.disable()
gc.disable()
print("disable twice:", gc.isenabled())
l = []
l.append(l)
del l
print("explicit collect while disabled:", gc.collect())
gc.enable()
gc.enable()
print("enable twice:", gc.isenabled())
gc.set_threshold(0)
keep2 = [[] for i in range(2000)]
print("threshold 0 never collects automatically:", gc.get_count()[0] > 2000)
gc.set_threshold(700, 10, 10)
