# try/except/else/finally: matching order, tuples, bare except, re-raise
def classify(f):
    try:
        f()
    except ZeroDivisionError:
        return "zero"
    except (KeyError, IndexError) as e:
        return "lookup " + type(e).__name__
    except ArithmeticError as e:
        return "arith " + type(e).__name__
    except Exception as e:
        return "other " + type(e).__name__
    else:
        return "no error"
zero = 0
print(classify(lambda: 1 / zero), classify(lambda: {}[1]), classify(lambda: [][0]))
print(classify(lambda: 10.0 ** 1000), classify(lambda: int("x")), classify(lambda: 1))
def order():
    log = []
    try:
        log.append("try")
        raise ValueError("v")
    except ValueError:
        log.append("except")
    else:
        log.append("else")
    finally:
        log.append("finally")
    return log
print(order())
def bare():
    try:
        raise KeyError("k")
    except:
        return "bare caught"
print(bare())
def reraise():
    try:
        try:
            raise IndexError("inner")
        except IndexError:
            raise
    except IndexError as e:
        return "re-raised: " + str(e)
print(reraise())
def name_cleared():
    try:
        raise ValueError("x")
    except ValueError as err:
        pass
    try:
        return err
    except UnboundLocalError as e2:
        return "err is unbound after except: " + type(e2).__name__
print(name_cleared())
