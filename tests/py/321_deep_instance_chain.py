# a long chain of instances freed by refcounting; __del__ runs for every link
import gc
gc.collect()
class Link:
    count = 0
    def __init__(self, nxt):
        self.next = nxt
class Counted:
    freed = 0
    def __init__(self, nxt):
        self.next = nxt
    def __del__(self):
        Counted.freed += 1
head = None
for i in range(100000):
    head = Link(head)
del head
print("plain chain freed")
head = None
for i in range(50000):
    head = Counted(head)
del head
print("finalized links:", Counted.freed)
print("collector finds nothing:", gc.collect())
