# a small program: a singly linked list class with __repr__, iteration by hand, reversal
class Node:
    def __init__(self, value, next=None):
        self.value = value
        self.next = next
class LinkedList:
    def __init__(self, values):
        self.head = None
        for v in reversed(values):
            self.head = Node(v, self.head)
    def to_list(self):
        out = []
        cur = self.head
        while cur is not None:
            out.append(cur.value)
            cur = cur.next
        return out
    def reverse(self):
        prev = None
        cur = self.head
        while cur:
            nxt = cur.next
            cur.next = prev
            prev = cur
            cur = nxt
        self.head = prev
    def __repr__(self):
        return "LinkedList(" + " -> ".join([repr(v) for v in self.to_list()]) + ")"
ll = LinkedList([1, 2, 3, "four"])
print(ll)
ll.reverse()
print(ll, len(ll.to_list()))
empty = LinkedList([])
print(empty, empty.to_list())
big = LinkedList(list(range(10000)))
big.reverse()
print(big.to_list()[:3], big.to_list()[-1])
