# an uncaught KeyError raised in a method, through a loop at module level
class Inventory:
    def __init__(self):
        self.stock = {"apple": 3, "pear": 0}
    def take(self, item):
        self.stock[item] -= 1
        return self.stock[item]
inv = Inventory()
for item in ("apple", "apple", "plum"):
    print(item, inv.take(item))
