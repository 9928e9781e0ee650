def f():
    return 1


while 1:
    f()
