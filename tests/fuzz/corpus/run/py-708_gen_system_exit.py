# SystemExit(3) raised inside a generator driving a for loop: exit status 3, nothing on stderr
def g():
    yield 1
    raise SystemExit(3)
for v in g():
    print(v)
