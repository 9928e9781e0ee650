import gc
gc.collect()
class Spawner:
    count = 0
    def __init__(self, depth):
        self.depth = depth
        self.payload = [[i] * 10 for i in range(100)]
    def __del__(self):
        Spawner.count += 1
        junk = {i: [i] * 50 for i in range(200)}
        if self.depth > 0:
            child = Spawner(self.depth - 1)
            child.me = child
for i in range(20):
    s = Spawner(3)
    s.me = s
    del s
gc.collect()
gc.collect()
print("finalizers run:", Spawner.count)
gc.collect()
gc.collect()
print("finalizers run:", Spawner.count)
