# len() of every sized type, and the error for unsized objects
print(len(""), len("abc"), len("h\xe9llo"), len("\u20ac\U0001F600"))
print(len(b""), len(b"abc"), len(bytearray(5)))
print(len([]), len([1, 2, 3]), len([[]] * 10))
print(len(()), len((1,)), len((1, 2, 3)))
print(len({}), len({1: 2, 3: 4}))
print(len(set()), len({1, 2, 2, 3}), len(frozenset([1, 1, 1])))
print(len(range(10)), len(range(0)), len(range(10, 0, -3)), len(range(5, 1)))
print(len(range(-10, 10, 7)))
class C:
    pass
for bad in (5, 2.5, None, C(), len, True):
    try:
        len(bad)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    len()
except TypeError as e:
    print(type(e).__name__, e)
try:
    len([], [])
except TypeError as e:
    print(type(e).__name__, e)
