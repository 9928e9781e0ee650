# the trashcan: the order in which __del__ runs while a deep chain is freed
import gc
gc.collect()
order = []
class Node:
    def __init__(self, i, nxt):
        self.i = i
        self.nxt = nxt
    def __del__(self):
        order.append(self.i)
head = None
for i in range(300):
    head = Node(i, head)
del head
print(len(order), order[:60])
print(order[-60:])
order.clear()
lst = None
for i in range(300):
    lst = [Node(i, None), lst]
del lst
print(len(order), order[:60])
print(order[-60:])
