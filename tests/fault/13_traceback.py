# an uncaught exception at the end: its traceback printed under pressure
class Account:
    def __init__(self, balance):
        self.balance = balance
    def withdraw(self, amount):
        if amount > self.balance:
            raise ValueError(f"insufficient funds: {self.balance} < {amount}")
        self.balance -= amount
        return self.balance

def pay_all(acct, bills):
    return [acct.withdraw(b) for b in bills]

acct = Account(100)
print(pay_all(acct, [10, 20, 30]))
big = [0] * 20000
big += big
print(len(big), big[-1])
del big
try:
    pay_all(acct, [5, 500])
except ValueError as e:
    print("first:", e)
pay_all(acct, [1000])
