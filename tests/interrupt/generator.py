# Ctrl-C in a loop inside a generator.
def gen():
    n = 0
    while True: n += 1
    yield n
print("start", flush=True)
for v in gen():
    pass
