def gen():
    n = 0
    while True:
        n += 1
        yield n


for v in gen():
    pass
