# range(): construction, iteration, indexing, slicing, membership, errors
print(list(range(5)), list(range(2, 8)), list(range(1, 10, 3)))
print(list(range(10, 0, -2)), list(range(0)), list(range(5, 2)))
print(range(5), range(1, 5), range(1, 10, 2))
r = range(3, 30, 4)
print(r[0], r[-1], r[2], len(r))
print(r[1:4], r[::-1], r[::2])
print(list(r[1:4]), list(r[::-1]))
print(7 in r, 8 in r, 31 in r, -1 in range(-5, 0))
print(r.index(11), r.count(11), r.count(12))
print(range(0, 10, 2) == range(0, 9, 2), range(0) == range(5, 1))
print(sum(range(101)), min(range(4, 9)), max(range(4, 9)))
for bad in ((1.5,), (1, 2, 0), ("3",), ()):
    try:
        range(*bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    r[100]
except IndexError as e:
    print(type(e).__name__, e)
try:
    r.index(12)
except ValueError as e:
    print(type(e).__name__, e)
big = range(2**70)
print(len(range(2**40)), big[-1] == 2**70 - 1, 2**69 in big)
try:
    len(big)
except OverflowError as e:
    print(type(e).__name__, e)
