# SyntaxError: yield inside a list comprehension
def f(y):
    return [(yield) for x in y]
