# error messages from str operations
def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
s = "abc"
n = 5
show(lambda: s + n)
show(lambda: n + s)
show(lambda: s * 2.0)
show(lambda: s - "a")
show(lambda: s[5])
show(lambda: s.index("z"))
show(lambda: s.nope())
show(lambda: s.upper(1))
show(lambda: s.split(1))
show(lambda: s.strip(5))
show(lambda: s.count())
show(lambda: s.startswith())
show(lambda: "x".join(["a", 1]))
show(lambda: s.zfill("3"))
show(lambda: str(b"x", "utf-8") + str(1, "utf-8"))
show(lambda: s < 5)
show(lambda: int(s))
show(lambda: float(s))
show(lambda: s.encode(5))
