# objects created inside generators: counts of live instances while suspended, after close, cycles made between yields
import gc, sys
gc.collect()
class Tracked:
    count = 0
    def __init__(self):
        Tracked.count += 1
    def __del__(self):
        Tracked.count -= 1
def producer(n):
    for i in range(n):
        t = Tracked()
        yield t
        del t
p = producer(100)
held = [next(p) for _ in range(10)]
print(Tracked.count)
del held
print(Tracked.count)
p.close()
print(Tracked.count)
def stepper():
    objs = []
    while True:
        cmd = yield len(objs)
        if cmd == "add":
            objs.append(Tracked())
        elif cmd == "drop":
            objs.pop()
        elif cmd == "cycle":
            a = [Tracked()]
            a.append(a)
s = stepper()
next(s)
out = [s.send(c) for c in ["add", "add", "drop", "cycle", "cycle"]]
print(out, Tracked.count)
print(gc.collect(), Tracked.count)
del s
print(Tracked.count)
