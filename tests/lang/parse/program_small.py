import sys


def fib(n):
    """Return the n-th Fibonacci number."""
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


class Counter:
    def __init__(self, start=0):
        self.n = start

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        if self.n > 10:
            raise StopIteration
        return self.n


if __name__ == "__main__":
    try:
        print(fib(int(sys.argv[1])))
    except (IndexError, ValueError) as e:
        print(f"usage: {sys.argv[0]} N ({e!r})", file=sys.stderr)
    finally:
        print([x ** 2 for x in Counter() if x % 2])
