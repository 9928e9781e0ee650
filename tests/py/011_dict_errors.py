# dict error messages
def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e, e.args)
show(lambda: {}["missing"])
show(lambda: {}[1])
show(lambda: {}[(1, 2)])
show(lambda: {}.pop("x"))
show(lambda: {}.popitem())
show(lambda: {[1]: 2})
show(lambda: {}.get([]))
show(lambda: dict([1, 2]))
show(lambda: dict([(1, 2, 3)]))
show(lambda: dict(5))
show(lambda: {1: 2} < {1: 2})
show(lambda: {} + {})
def mutate():
    d = {1: 1, 2: 2}
    for k in d:
        d[k + 10] = 0
show(mutate)
def shrink():
    d = {1: 1, 2: 2}
    for k in d:
        del d[k]
show(shrink)
def delmissing():
    d = {"a": 1}
    del d["b"]
show(delmissing)
show(lambda: {1: 2}.update(5))
show(lambda: {1: 2}.update([5]))
