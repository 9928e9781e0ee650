# weakref.proxy: transparent access while alive, ReferenceError afterwards
import weakref
class Account:
    def __init__(self, owner):
        self.owner = owner
        self.balance = 10
    def deposit(self, n):
        self.balance += n
        return self.balance
    def __repr__(self):
        return "Account(" + self.owner + ")"
acc = Account("ann")
p = weakref.proxy(acc)
print(p.owner, p.deposit(5), acc.balance, type(p).__name__)
p.balance = 100
print(acc.balance, str(p))
print(weakref.proxy(acc) is p, isinstance(p, Account))
def f(x):
    return x * 2
fp = weakref.proxy(f)
print(fp(21), type(fp).__name__)
del acc
for action in ("attribute", "call", "setattr", "str"):
    try:
        if action == "attribute":
            p.owner
        elif action == "call":
            p.deposit(1)
        elif action == "setattr":
            p.owner = "x"
        else:
            str(p)
    except ReferenceError as e:
        print(action, type(e).__name__, e)
try:
    hash(fp)
except TypeError as e:
    print(type(e).__name__, e)
log = []
class T:
    pass
t = T()
pt = weakref.proxy(t, lambda pr: log.append("proxy callback"))
del t
print(log)
