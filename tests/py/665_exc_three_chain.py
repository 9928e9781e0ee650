# uncaught three-level chain mixing cause and context, with a finally that runs first
def level1():
    raise ValueError("level 1")
def level2():
    try:
        level1()
    except ValueError as e:
        raise TypeError("level 2") from e
def level3():
    try:
        level2()
    except TypeError:
        raise KeyError("level 3")
    finally:
        print("finally ran")
level3()
