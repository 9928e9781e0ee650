# str.format: positional, numbered, keyword, attribute and index fields, specs
print("{} {}".format("a", "b"), "{1} {0} {1}".format("x", "y"), "{name}!".format(name="hi"))
print("{0[1]} {0[0]}".format(["p", "q"]), "{d[k]}".format(d={"k": 5}), "{{}} {}".format(1))
class Pt:
    def __init__(self):
        self.x = 3
        self.y = 4
print("({0.x}, {0.y})".format(Pt()), "{:>6}|{:<6}|{:^6}".format("r", "l", "c"))
print("{:08.3f} {:+d} {:,} {:x} {:%}".format(3.14159, 5, 10**7, 255, 0.25))
print("{!r} {!s} {!a}".format("s", "s", "é"), "{0:{1}}".format(7, 5), "{:{}.{}f}".format(2.5, 8, 2))
for args in (("{}",), ("{1}", "a"), ("{x}",), ("{0} {}", 1, 2), ("{:d}", "s"), ("{", 1), ("}",)):
    try:
        print(args[0].format(*args[1:]))
    except (IndexError, KeyError, ValueError) as e:
        print(type(e).__name__, e)
