# an uncaught AssertionError with a message
def average(xs):
    assert len(xs) > 0, "average of an empty list"
    return sum(xs) / len(xs)
print(average([1, 2, 3, 4]))
print(average([]))
