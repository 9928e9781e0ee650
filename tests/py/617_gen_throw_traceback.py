# gen.throw of an exception the generator does not handle: the uncaught traceback includes the yield line
def worker():
    total = 0
    while True:
        total += yield total
w = worker()
next(w)
w.send(5)
w.throw(ValueError("injected"))
