# str.format with indexes, attributes, nested specs, format_map; format() with custom __format__
class P:
    x = 3
    y = [10, 20]
print("{0}-{1}-{0}".format("a", "b"), "{}{}".format(1, 2), "{a.x} {a.y[1]}".format(a=P))
print("{:>{w}}|{:^{w}.{p}f}".format("r", 3.14159, w=8, p=2), "{0:{1}}".format(5, "03"))
print("{!r} {!s:>5} {!a}".format("q", 1, "ü"), "{0[key]}".format({"key": "dv"}))
print("{name} is {age}".format_map({"name": "Al", "age": 3}))
class Money:
    def __init__(self, c):
        self.c = c
    def __format__(self, spec):
        if spec == "cents":
            return "%d cents" % self.c
        return format(self.c / 100, spec or ".2f")
m = Money(1234)
print("{}".format(m), "{:cents}".format(m), f"{m:>10.1f}", format(m))
try:
    "{0} {1}".format(1)
except IndexError as e:
    print("IndexError:", e)
try:
    "{x}".format()
except KeyError as e:
    print("KeyError:", e)
try:
    "{} {0}".format(1, 2)
except ValueError as e:
    print("ValueError:", e)
try:
    "{".format()
except ValueError as e:
    print("ValueError:", e)
print("{:,d} {:_x} {:e} {:g} {:%}".format(10 ** 7, 255 ** 3, 12345.678, 0.0000123, 0.25))
print("{:<6}|{:*>6}|{:=+6}|{:06.2f}|{:x<4d}".format("ab", "cd", 12, -1.5, 7))
print(format(True), format(None), format(3, "b"), format(-0.0), format(1e300 * 10), format(float("nan"), "^7"))
