def g():
    yield
    yield 1
    yield 1, 2
    yield from g()
    x = yield
    y = yield 1
    z = (yield)
    await_ = 1
    f((yield))
    return (yield x)
    yield *a, b
