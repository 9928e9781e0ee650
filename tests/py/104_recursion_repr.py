# RecursionError from __repr__ recursion and mutual recursion
def ping(n):
    return pong(n + 1)
def pong(n):
    return ping(n + 1)
try:
    ping(0)
except RecursionError as e:
    print("mutual:", type(e).__name__, e)
class Loop:
    def __repr__(self):
        return "Loop(" + repr(self) + ")"
try:
    repr(Loop())
except RecursionError as e:
    print("repr:", type(e).__name__, e)
l = [1]
l.append(l)
print("self-referencing list is fine:", l)
nested = []
cur = nested
for i in range(50):
    nxt = []
    cur.append(nxt)
    cur = nxt
print(len(repr(nested)))
