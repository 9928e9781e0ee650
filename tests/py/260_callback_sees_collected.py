# the "stop" info of a callback reports the same number gc.collect() returns, per generation
import gc
gc.collect()
seen = []
def cb(phase, info):
    if phase == "stop":
        seen.append((info["generation"], info["collected"], info["uncollectable"]))
class A:
    pass
def garbage(n):
    for i in range(n):
        a = A()
        a.me = a
gc.callbacks.append(cb)
garbage(3)
r0 = gc.collect(0)
garbage(4)
r1 = gc.collect(1)
garbage(5)
r2 = gc.collect(2)
gc.callbacks.remove(cb)
print(seen, (r0, r1, r2))
