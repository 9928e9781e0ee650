# during a collection all finalizers run first; attributes are cleared only afterwards
import gc
gc.collect()
log = []
class Node:
    def __init__(self, name, payload):
        self.name = name
        self.payload = payload
    def __del__(self):
        log.append((self.name, self.other.name, len(self.payload), self.other.payload[0]))
a = Node("a", [1, 2, 3])
b = Node("b", [4])
a.other = b
b.other = a
del a, b
n = gc.collect()
print(n, log)
