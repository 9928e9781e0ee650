# any/all: empty iterables, short-circuit (stops consuming), truthiness of items, lazy iterators
print(any([]), all([]), any([0, "", None]), all([1, "x", [0]]), any("0"), all(""), any([[]]), all([[]]))
seen = []
def check(v):
    seen.append(v)
    return v > 2
print(any(map(check, [1, 3, 5, 7])), seen)
seen.clear()
print(all(map(check, [5, 1, 9])), seen)
it = iter([0, 0, 1, 2, 3])
print(any(it), list(it))
it = iter([1, 1, 0, 5])
print(all(it), list(it))
class Falsy:
    def __repr__(self):
        return "Falsy"
print(any([Falsy()]), all({0: "a"}), any({0: "a", 1: "b"}), all(range(1, 5)), any(range(0)))
try:
    any(5)
except TypeError as e:
    print(type(e).__name__, e)
