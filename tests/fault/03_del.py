# __del__: on refcount death, order, resurrection
saved = []
class Noisy:
    def __init__(self, tag):
        self.tag = tag
    def __del__(self):
        print("del", self.tag)

class Phoenix:
    def __del__(self):
        print("rising")
        saved.append(self)

a = Noisy("a")
b = Noisy("b")
del a
items = [Noisy(i) for i in range(3)]
items.pop()
del items
Phoenix()
print("saved", len(saved))
saved.clear()
print("end")
