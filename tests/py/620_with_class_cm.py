# with: __enter__ result bound by as, __exit__ arguments, order of calls, nested and multiple items
log = []
class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        log.append("enter " + self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        log.append("exit %s %s %r %s" % (self.name, et.__name__ if et else None, ev, tb is not None))
        return self.suppress
with CM("a") as x:
    log.append("body " + x)
print(log); log.clear()
with CM("a") as x, CM("b") as y:
    log.append(x + y)
print(log); log.clear()
with CM("outer"):
    with CM("inner", True):
        raise ValueError("v")
    log.append("after inner")
print(log); log.clear()
try:
    with CM("a"), CM("b"):
        raise KeyError("k")
except KeyError as e:
    log.append("caught " + repr(e))
print(log); log.clear()
def f():
    with CM("ret"):
        return "returned"
print(f(), log); log.clear()
for i in range(3):
    with CM(str(i)):
        if i == 1:
            continue
        if i == 2:
            break
        log.append("body")
print(log); log.clear()
with CM("t") as (p):
    pass
print(p, log)
