# uncaught exception inside a generator expression consumed by sum(): <genexpr> frame in the traceback
def average(values):
    return sum(1 / v for v in values) / len(values)
print(average([1, 2, 4]))
print(average([1, 0]))
