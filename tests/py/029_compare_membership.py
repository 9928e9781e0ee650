# comparison operators across types, chaining, membership tests
print(1 == 1.0, 1 == "1", 2 > 1.5, -1 < 0, 10**20 > 1e19, 10**400 > 1e308)
print("a" < "b", "B" < "a", "abc" < "abd", "ab" < "abc", "" < "a", "Z" < "\xe9")
print([1, 2] < [1, 2, 3], (2,) > (1, 9), [1, [2]] == [1, [2]], [1] == (1,))
print({1, 2} == frozenset([1, 2]), {1: 2} == {1: 2.0}, None == None, None == 0)
print(1 != 1.0, "x" != "x", [] != [], 3 <= 3, 3 >= 4)
x = 7
print(0 < x < 10, 0 < x < 5, x == 7 != 8, 1 < 2 < 3 < 4 > 3)
print(float("nan") == float("nan"), float("inf") > 10**300, -float("inf") < -10**300)
print(3 in [1, 2, 3], "b" in "abc", "bc" in "abc", "" in "abc", "x" not in "abc")
print(1 in {1: "a"}, "a" in {1: "a"}, 2 in {2}, 2.0 in {2}, 5 in range(0, 10, 5))
print(b"b" in b"abc", 98 in b"abc", [1] in [[1]], (1,) in {(1,): 0})
print(None in [0, False, ""], 0 in [False], False in [0])
nested = [[1, 2], [3]]
print([3] in nested, 3 in nested, 2 in nested[0])
for a, b in ((1, "a"), ([], ()), ({}, 1), (None, None)):
    try:
        print(a < b)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    print([] in 5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    print(1 in "abc")
except TypeError as e:
    print(type(e).__name__, e)
try:
    print([1] in {1})
except TypeError as e:
    print(type(e).__name__, e)
