# how deep a nested container can be before repr/str/== raise RecursionError (each level costs one unit)
def nest(n, kind):
    x = 1
    for i in range(n):
        if kind == "list":
            x = [x]
        elif kind == "tuple":
            x = (x,)
        elif kind == "dict":
            x = {1: x}
        else:
            x = frozenset([x]) if kind == "frozenset" else x
    return x
def deepest(test):
    lo, hi = 1, 3000
    while lo < hi:
        mid = (lo + hi + 1) // 2
        try:
            test(mid)
            lo = mid
        except RecursionError:
            hi = mid - 1
    return lo
for kind in ("list", "tuple", "dict", "frozenset"):
    print(kind, "repr:", deepest(lambda n: repr(nest(n, kind))), "str:", deepest(lambda n: str(nest(n, kind))))
print("list ==:", deepest(lambda n: nest(n, "list") == nest(n, "list")))
print("tuple <:", deepest(lambda n: nest(n, "tuple") < nest(n, "tuple")))
print("dict ==:", deepest(lambda n: nest(n, "dict") == nest(n, "dict")))
