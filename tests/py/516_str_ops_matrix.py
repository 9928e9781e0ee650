# str operations matrix: split/rsplit limits, find ranges, padding, negative-step slices, splitlines separators
s = "The Quick Brown Fox"
ops = [s.split(" ", 2), s.rsplit(" ", 2), s.split("o"), s.rsplit("o", 1), s.find("Q", 1, 3), s.rfind("o", 5),
       s.replace(" ", ""), s.replace("o", "0", 0), s.index("Fox"), s.lower().count("o"), s.center(25, "."),
       s.ljust(22, "<"), s.rjust(22, ">"), s[::-2], s[-3:-10:-1], s[100:], s[:-100], "".join(reversed(s)),
       s.upper().isupper(), s.istitle(), s.isascii(), "  ".isspace(), "".isspace(), "ab\tc".expandtabs(2),
       "a-b_c d".title(), "hello"[1:4:2], "x,y,,z".split(",", -1), " a b ".split(" "), "aaa".split("a"),
       "a\x0bb\x0cc\x1cd\x1de\x1ef\x85g\u2028h".splitlines(), "\t a\n".strip(), "xyx".strip("x"),
       "%s|%5s|%-5s|%.1s" % ("a", "b", "c", "de"), "é".encode("utf-8").decode("latin-1"), "ab" * 3,
       "abc" < "abd", "a" * 0 == "", "abc".startswith(""), "".join(["a", "b", "c"][::-1]), "a".join("")]
for o in ops:
    print(repr(o))
