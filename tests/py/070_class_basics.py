# classes: __init__, methods, class attributes vs instance attributes
class Account:
    bank = "RefBank"
    count = 0
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        Account.count += 1
    def deposit(self, amount):
        self.balance += amount
        return self.balance
    def describe(self):
        return self.owner + " has " + str(self.balance) + " at " + self.bank
a = Account("ann")
b = Account("bob", 100)
print(a.deposit(50), b.deposit(1), a.describe(), b.describe(), Account.count)
a.bank = "Own"
print(a.bank, b.bank, Account.bank, vars(a))
Account.bank = "NewBank"
print(a.bank, b.bank)
del a.bank
print(a.bank)
print(Account.deposit(b, 10), type(a).__name__, type(Account).__name__, a.count)
class Empty:
    pass
e = Empty()
e.anything = [1]
print(e.anything, isinstance(e, Empty), Empty.__name__)
class WithList:
    shared = []
    def add(self, v):
        self.shared.append(v)
w1 = WithList()
w2 = WithList()
w1.add(1)
w2.add(2)
print(WithList.shared, w1.shared is w2.shared)
class Calc:
    def __init__(self):
        self.total = 0
    def add(self, n):
        self.total += n
        return self
c = Calc()
print(c.add(1).add(2).add(3).total)
