# references during a with block: the context manager and the value bound by `as`
import sys
class Resource:
    def __init__(self):
        self.payload = Payload()
    def __enter__(self):
        return self.payload
    def __exit__(self, t, v, tb):
        return False
class Payload:
    pass
r = Resource()
print("manager before:", sys.getrefcount(r), "payload before:", sys.getrefcount(r.payload))
with r as p:
    print("manager inside:", sys.getrefcount(r), "payload inside:", sys.getrefcount(p))
print("after:", sys.getrefcount(r), sys.getrefcount(p))
del p
print("as-target deleted:", sys.getrefcount(r.payload))
with Resource() as q:
    print("temporary manager's payload inside:", sys.getrefcount(q))
print("after, the manager is gone:", sys.getrefcount(q))
