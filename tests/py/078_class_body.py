# a class body is code: loops, conditions and computed attributes run at definition time
print("before class")
class Table:
    print("class body runs")
    squares = [i * i for i in range(5)]
    lookup = {}
    for i in range(3):
        lookup[i] = tmp = None
    del tmp
    if len(squares) > 3:
        big = True
    else:
        big = False
    def size(self):
        return len(self.squares)
print("after class")
print(Table.squares, sorted(Table.lookup), Table.big, Table().size(), hasattr(Table, "i"))
class Counter:
    total = 0
    names = []
    def __init__(self, name):
        Counter.total += 1
        self.names.append(name)
for n in ("a", "b", "c"):
    Counter(n)
print(Counter.total, Counter.names)
