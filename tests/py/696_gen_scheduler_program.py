# a round-robin scheduler of generator tasks (send values, sleep counts, join results), as a small program
import gc
gc.collect()
class Task:
    ids = 0
    def __init__(self, gen):
        Task.ids += 1
        self.id = Task.ids
        self.gen = gen
        self.value = None
        self.result = None
    def __repr__(self):
        return "Task%d" % self.id
class Scheduler:
    def __init__(self):
        self.ready = []
        self.log = []
    def spawn(self, gen):
        t = Task(gen)
        self.ready.append(t)
        return t
    def run(self):
        while self.ready:
            t = self.ready.pop(0)
            try:
                req = t.gen.send(t.value)
            except StopIteration as e:
                t.result = e.value
                self.log.append("%r done -> %r" % (t, e.value))
                continue
            t.value = ("tick", req)
            self.ready.append(t)
def worker(name, n):
    total = 0
    for i in range(n):
        got = yield name
        total += i
    return name + str(total)
def parent(s):
    child = s.spawn(worker("c", 2))
    while child.result is None:
        yield "waiting"
    return "parent saw " + child.result
s = Scheduler()
s.spawn(worker("a", 3))
s.spawn(parent(s))
s.spawn(worker("b", 1))
s.run()
print("\n".join(s.log))
def counter():
    count = 0
    def bump():
        nonlocal count
        count += 1
        yield count
        count += 10
        yield count
    return bump
b = counter()
print(list(b()), list(b()))
gens = [worker(str(i), i) for i in range(3)]
alive = [g for g in gens if next(g, None) is not None]
print(len(alive), [g.gi_frame is not None for g in gens])
del gens, alive
print(gc.collect())
