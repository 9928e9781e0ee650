# with: __enter__/__exit__ order, the as target, exceptions seen and suppressed by __exit__
class Ctx:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc)
        return self.suppress
with Ctx("a") as v:
    print("body", v)
with Ctx("outer"), Ctx("inner") as w:
    print("nested body", w)
try:
    with Ctx("b"):
        raise ValueError("inside")
except ValueError as e:
    print("propagated", e)
with Ctx("c", suppress=True):
    raise KeyError("swallowed")
print("after suppressed")
def early_return():
    with Ctx("d"):
        return "returned"
print(early_return())
for i in range(2):
    with Ctx("loop%d" % i):
        if i == 0:
            continue
        break
print("done")
