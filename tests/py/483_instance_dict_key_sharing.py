# materialised instance dicts of one class share keys (smaller); a different attribute order unshares
import sys
class A:
    def __init__(self, first):
        if first:
            self.x = 1
            self.y = 2
        else:
            self.y = 2
            self.x = 1
a1 = A(True)
a2 = A(True)
print(sys.getsizeof(a1), sys.getsizeof(vars(a1)), sys.getsizeof(vars(a2)))
a3 = A(False)
print(sys.getsizeof(vars(a3)), list(vars(a3)))
class B:
    def __init__(self):
        self.k = 0
b = B()
sizes = [sys.getsizeof(vars(b))]
for i in range(40):
    setattr(b, "attr" + str(i), i)
    sizes.append(sys.getsizeof(vars(b)))
print(sorted(set(sizes)))
b2 = B()
print("after a big instance, a new one:", sys.getsizeof(vars(b2)))
class Empty:
    pass
e = Empty()
print(sys.getsizeof(vars(e)), vars(e))
e.z = 1
print(sys.getsizeof(vars(e)))
