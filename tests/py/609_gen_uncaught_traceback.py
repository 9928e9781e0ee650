# an uncaught exception raised inside nested generators: traceback lines through the frames
def leaf(n):
    yield n
    yield n // 0
def middle():
    yield from leaf(3)
def top():
    for v in middle():
        print("got", v)
top()
