# uncaught exception raised three calls deep: one traceback entry per frame, with carets
def parse(text):
    return int(text) * 2
def process(items):
    total = 0
    for it in items:
        total += parse(it)
    return total
def main():
    print("sum:", process(["1", "2"]))
    print("sum:", process(["3", "four"]))
main()
