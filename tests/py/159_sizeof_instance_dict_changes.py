# the size of a materialised instance __dict__ as attributes are added and removed
import sys
class P:
    def __init__(self):
        self.a = 1
        self.b = 2
p = P()
d = vars(p)
sizes = [sys.getsizeof(d)]
del p.a
sizes.append(sys.getsizeof(d))
p.a = 3
sizes.append(sys.getsizeof(d))
for i in range(20):
    setattr(p, "n%d" % i, i)
sizes.append(sys.getsizeof(d))
for i in range(20):
    del d["n%d" % i]
sizes.append(sys.getsizeof(d))
d.clear()
sizes.append(sys.getsizeof(d))
print(sizes, len(d))
q = P()
q.extra = "x"
print("instance with an extra attribute, not materialised:", sys.getsizeof(q))
print("materialised:", sys.getsizeof(vars(q)), sorted(vars(q)))
