# recursive generators (tree walks with yield from), depth and results, counts of frames alive
import sys
class Node:
    def __init__(self, v, kids=()):
        self.v = v
        self.kids = list(kids)
def walk(n, depth=0):
    yield depth, n.v
    for k in n.kids:
        yield from walk(k, depth + 1)
tree = Node("root", [Node("a", [Node("a1"), Node("a2", [Node("a2x")])]), Node("b")])
print(list(walk(tree)))
def leaves(n):
    if not n.kids:
        yield n.v
    for k in n.kids:
        yield from leaves(k)
print(list(leaves(tree)), sum(1 for _ in walk(tree)))
def chain(n):
    if n:
        yield from chain(n - 1)
    yield n
print(sum(chain(200)), max(chain(50)))
def flatten(x):
    if isinstance(x, list):
        for y in x:
            yield from flatten(y)
    else:
        yield x
print(list(flatten([1, [2, [3, [4, [5]]]], 6])))
def perms(items):
    if len(items) <= 1:
        yield items
        return
    for i in range(len(items)):
        for p in perms(items[:i] + items[i + 1:]):
            yield items[i:i + 1] + p
print(list(perms("abc")), len(list(perms([1, 2, 3, 4]))))
