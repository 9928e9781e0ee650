# a small program: classes with inheritance, class counters, exceptions and __repr__
class InsufficientFunds(Exception):
    pass
class Account:
    opened = 0
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        Account.opened += 1
        self.history = []
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("deposit", amount))
    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds("%s has %d, needs %d" % (self.owner, self.balance, amount))
        self.balance -= amount
        self.history.append(("withdraw", amount))
    def __repr__(self):
        return "%s(%r, %d)" % (type(self).__name__, self.owner, self.balance)
class Savings(Account):
    rate = 0.02
    def add_interest(self):
        interest = int(self.balance * self.rate)
        self.deposit(interest)
        return interest
accts = [Account("ann", 100), Savings("bob", 1000)]
accts[0].deposit(50)
print(accts[1].add_interest())
for a, amt in ((accts[0], 500), (accts[1], 20), (accts[0], -1)):
    try:
        if amt < 0:
            a.deposit(amt)
        else:
            a.withdraw(amt)
    except (InsufficientFunds, ValueError) as e:
        print(type(e).__name__ + ":", e)
print(accts, Account.opened, accts[1].history)
