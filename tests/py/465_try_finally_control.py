# try/finally with return, break, continue; finally overriding return and swallowing exceptions
def f1():
    try:
        return "try"
    finally:
        print("finally runs before return")
def f2():
    try:
        return "try"
    finally:
        return "finally wins"
def f3():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"
def f4():
    out = []
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append("f" + str(i))
    return out
def f5():
    x = "before"
    try:
        return x
    finally:
        x = "changed"
def f6():
    try:
        try:
            raise KeyError("inner")
        finally:
            print("inner finally")
    except KeyError as e:
        return "caught " + repr(e)
def f7():
    for i in range(3):
        try:
            return i
        finally:
            if i < 2:
                continue
print(f1(), f2(), f3(), f4(), f5(), f6(), f7())
def f8():
    try:
        1 / 0
    except ZeroDivisionError:
        return "except"
    else:
        return "else"
    finally:
        print("f8 finally")
print(f8())
try:
    try:
        raise ValueError("first")
    finally:
        print("cleanup")
except ValueError as e:
    print("outer got", e)
