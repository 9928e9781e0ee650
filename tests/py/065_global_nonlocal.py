# global and nonlocal declarations
counter = 0
def bump():
    global counter
    counter += 1
    return counter
print(bump(), bump(), counter)
def make_global():
    global created_later
    created_later = "made inside a function"
make_global()
print(created_later)
def read_only():
    return counter * 10
print(read_only())
def shadow():
    counter = 100
    return counter
print(shadow(), counter)
def broken():
    try:
        counter += 1
    except UnboundLocalError as e:
        return type(e).__name__ + ": " + str(e)
print(broken())
def outer():
    a = 1
    b = 1
    def inner():
        nonlocal a
        a = 2
        b = 2
        return a, b
    r = inner()
    return r, a, b
print(outer())
def deep():
    x = 0
    def level1():
        def level2():
            nonlocal x
            x += 10
        level2()
        level2()
    level1()
    return x
print(deep())
x = "global x"
def which():
    x = "enclosing x"
    def inner():
        global x
        return x
    return inner()
print(which())
