# with: __exit__ arguments, suppression by a true result, exceptions from __enter__ and __exit__, nesting
class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, typ, val, tb):
        print("exit", self.name, typ.__name__ if typ else None, val, tb is not None)
        return self.suppress
with CM("a") as v:
    print("body", v)
with CM("b", True):
    raise ValueError("swallowed")
print("after b")
try:
    with CM("c"):
        raise KeyError("k")
except KeyError as e:
    print("propagated", repr(e))
with CM("outer") as o, CM("inner", True) as i:
    print("both", o, i)
    1 / 0
print("after nested")
class BadEnter:
    def __enter__(self):
        raise RuntimeError("enter failed")
    def __exit__(self, a, b, c):
        print("never")
try:
    with BadEnter():
        print("never body")
except RuntimeError as e:
    print("caught", e)
class BadExit:
    def __enter__(self):
        return self
    def __exit__(self, a, b, c):
        raise TypeError("exit failed")
try:
    with BadExit():
        raise ValueError("original")
except TypeError as e:
    print("caught", e, "context:", repr(e.__context__))
def early():
    with CM("ret"):
        return "returned"
print(early())
for k in range(3):
    with CM("loop" + str(k)):
        if k == 1:
            continue
        if k == 2:
            break
try:
    with 5:
        pass
except (TypeError, AttributeError) as e:
    print(type(e).__name__, e)
