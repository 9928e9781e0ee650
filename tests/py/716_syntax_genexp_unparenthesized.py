# SyntaxError: a generator expression must be parenthesized when it is not the sole argument
def f(*a):
    return a
print(f(x for x in range(3), 1))
