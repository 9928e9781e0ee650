# str.format: positional/auto/indexed/keyword fields, attributes and items, conversions, nested specs
class P:
    def __init__(self):
        self.x = 3
        self.items = ["i0", "i1"]
    def __repr__(self):
        return "P()"
p = P()
print("{} {} {}".format(1, "two", 3.0), "{1} {0} {1}".format("a", "b"), "{n}-{m}".format(n=1, m=2))
print("{0.x} {0.items[1]} {d[key]} {d[0]}".format(p, d={"key": "v", 0: "zero"}))
print("{!r} {!s} {!a}".format("q", p, "ü"), "{:>6}|{:<6}|{:^6}".format("a", "b", "c"))
print("{:{w}.{p}f}".format(3.14159, w=8, p=2), "{0:{1}}".format("x", 4) + "|", "{:,}".format(10 ** 9))
print("{{}} {{{}}}".format(7), "{:%}".format(0.25), "{:08.3f}".format(-1.5), "{:#b}".format(5))
for fmt, args in (("{0} {2}", (1, 2)), ("{:d}", ("s",)), ("{a}", ()), ("{0[5]}", ([1],)), ("{} {0}", (1, 2))):
    try:
        print(fmt.format(*args))
    except (IndexError, ValueError, KeyError) as e:
        print(type(e).__name__, e)
print("{0!r:>10}".format("r"), "{:c}".format(97), "{:x}".format(255), "{:.3}".format("abcdef"), "{:=+6}".format(5))
