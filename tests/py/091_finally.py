# finally: runs on return, break, continue and exceptions; return in finally wins
def f1():
    try:
        return "try"
    finally:
        print("finally after return")
print(f1())
def f2():
    try:
        return "try"
    finally:
        return "finally"
print(f2())
def f3():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
            print("body", i)
        finally:
            print("finally", i)
    return "done"
print(f3())
def f4():
    try:
        raise ValueError("lost")
    finally:
        return "finally swallowed the exception"
print(f4())
def f5():
    log = []
    try:
        try:
            log.append(1)
            raise KeyError("k")
        finally:
            log.append(2)
    except KeyError:
        log.append(3)
    finally:
        log.append(4)
    return log
print(f5())
def f6(x):
    try:
        return 10 // x
    except ZeroDivisionError:
        return "div0"
    finally:
        print("f6 finally for", x)
print(f6(2), f6(0))
