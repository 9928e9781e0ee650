# format spec edge cases: fill chars, n/g/e/% types, rounding half-even, %-formatting with * and mappings
import sys
s = "abc"
print(s.center(10, "é"), s.zfill(-1), "x".ljust(3, "ab") if False else "ok")
print("{:^10}".format("é"), f"{'x'!r:^7}", f"{3:{'>'}{5}}")
print(f"{1_000_000:,}", f"{1e16}", f"{0.1 + 0.2}", f"{2**64:x}", f"{-7 // 2} {-7 % 2}")
print(f"{'abc':.2}", f"{12.5:g}", f"{1e-5:f}", f"{123.456:.1e}", f"{5:>+4}", f"{-5:<4}|")
print(f"{3.0:n}", f"{1234567:n}", f"{0.5:.0f}", f"{1.5:.0f}", f"{2.5:.0f}", round(2.5), round(3.5))
x = 10
print(f"{x!r:^{x}}|", f"{'a' 'b'}", f"""{x
}""")
print("%(a)s %(b)d" % {"a": "A", "b": 2}, "%.3s" % "abcdef", "%*d" % (5, 3), "%-*d|" % (4, 2))
print("{0!r:>{1}}".format("q", 6), "{:{}{}}".format(7, ">", 4))
print(str.join(",", ["a"]), "a".__add__("b"), "ab".__contains__("a"), "x".__len__())
print(sorted(["b", "A", "c"], key=str.casefold), "ǅ".title(), "ﬁ".upper(), "ß".title())
print("a\u0300".isalpha(), "\u00a0".isspace(), "Ⅻ".isnumeric(), "٣".isdigit(), int("٣"))
