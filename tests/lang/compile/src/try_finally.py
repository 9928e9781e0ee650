def f(x):
    try:
        return x + 1
    finally:
        print("done")

def g(seq):
    for x in seq:
        try:
            if x:
                break
            continue
        finally:
            print(x)
    else:
        return 0
    return 1

def h():
    try:
        a = 1
    except ValueError as e:
        print(e)
    except (TypeError, KeyError):
        pass
    except:
        raise
    else:
        a = 2
    finally:
        a = 3
    return a

def k():
    try:
        return 1
    finally:
        return 2
