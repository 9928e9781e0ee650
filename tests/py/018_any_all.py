# any() and all(): truthiness and short-circuiting
print(any([]), all([]), any([0, 0]), any([0, 1]), all([1, 1]), all([1, 0]))
print(any(""), all(""), any("a"), all([[], [1]]), any([[], [1]]), all([None]))
print(any({0: 1}), all({1: 0}), any(range(0)), all(range(1, 5)), any(set()))
print(any([0.0, -0.0, ""]), all([1.5, "x", [0], (None,)]))
seen = []
def check(v):
    seen.append(v)
    return v
print(any(map(check, [0, 0, 3, 4])), seen)
seen.clear()
print(all(map(check, [1, 2, 0, 5])), seen)
nums = [2, 4, 6, 7]
print(all([n % 2 == 0 for n in nums]), any([n > 6 for n in nums]))
print(any([x > 10 for x in nums]), all([x < 10 for x in nums]))
for bad in (5, None):
    try:
        any(bad)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    all()
except TypeError as e:
    print(type(e).__name__, e)
