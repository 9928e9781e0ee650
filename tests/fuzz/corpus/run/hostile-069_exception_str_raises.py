class Odd(Exception):
    def __str__(self):
        raise RuntimeError("no str for you")
raise Odd("x")
