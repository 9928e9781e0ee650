# enumerate() and zip()
print(list(enumerate("abc")), list(enumerate([10, 20], 1)), list(enumerate([], 5)))
print(list(enumerate(range(3), start=-1)), list(enumerate("xy", 10**20)))
for i, ch in enumerate("hey"):
    print(i, ch, end=" | ")
print()
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip([1])), list(zip([], [1])))
print(list(zip("abc", range(3), [True, False, None])))
print(dict(zip(["a", "b"], [1, 2])), type(zip()).__name__, type(enumerate([])).__name__)
pairs = [(1, "one"), (2, "two"), (3, "three")]
nums, names = zip(*pairs)
print(nums, names)
e = enumerate(["p", "q"])
print(next(e), next(e))
try:
    next(e)
except StopIteration as ex:
    print("StopIteration", repr(ex), ex.args)
z = zip([1, 2], [3])
print(next(z), list(z))
def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
show(lambda: enumerate(5))
show(lambda: zip([1], 2))
show(lambda: enumerate([1], "a"))
show(lambda: list(zip([1], None)))
