# reference cycles collected by gc.collect, with __del__ in the cycle
import gc
class Node:
    def __init__(self, name):
        self.name = name
        self.peer = None
    def __del__(self):
        print("collect", self.name)

def make_pair(tag):
    x, y = Node(tag + "x"), Node(tag + "y")
    x.peer, y.peer = y, x

gc.disable()
make_pair("p")
make_pair("q")
lst = []
lst.append(lst)
del lst
print("found", gc.collect() >= 1)
d = {}
d["self"] = d
del d
print("found", gc.collect() >= 1)
gc.enable()
print(gc.isenabled(), len(gc.garbage))
