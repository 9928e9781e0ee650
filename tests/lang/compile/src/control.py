def loops(n):
    total = 0
    while True:
        n -= 1
        if n < 0:
            break
        if n % 2:
            continue
        total += n
    for i in range(10):
        for j in range(i):
            if i == j:
                break
        else:
            continue
        total += 1
    while n < 10:
        n += 1
    else:
        total = -total
    if 0:
        print("dead")
    while 1:
        return total

def withs(path):
    with open(path) as f:
        return f.read()

def with_break(items):
    for x in items:
        with x:
            if x:
                break
            continue
    return None

def nested_try():
    try:
        try:
            raise ValueError("a") from None
        except ValueError as e:
            raise TypeError() from e
        finally:
            print("inner")
    except Exception:
        return 1
    else:
        return 2

def gen_try():
    try:
        yield 1
        yield from [2, 3]
    finally:
        yield 4

def swaps(a, b, c):
    a, b = b, a
    a, b, c = c, b, a
    (a, b), c = (1, 2), 3
    first, *mid, last = range(10)
    return a, b, c, first, mid, last

def conds(a, b, c):
    if a is None:
        return 1
    if a is not None and not b:
        return 2
    if (a and b) or c:
        return 3
    if not (a or b):
        return 4
    x = a if b else (c if a else b)
    if a < b < c:
        return x
    return a < b < c

def assign_ops(obj, key):
    obj.attr.sub += 1
    obj[key] *= 2
    obj[key:2] = []
    del obj[1:], obj.attr
    global GLOBAL_X
    GLOBAL_X //= 3
