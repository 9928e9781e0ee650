# str methods not covered elsewhere: partition, splitlines, count, zfill, center, expandtabs, swapcase, casefold
s = "Hello, World"
print(s.partition(", "), s.rpartition("o"), s.partition("zz"), s.rpartition("zz"))
print("a\nb\r\nc\rd\n".splitlines(), "a\nb\n".splitlines(True), "".splitlines())
print(s.count("o"), s.count("l", 3), s.count(""), "aaaa".count("aa"))
print("42".zfill(5), "-42".zfill(5), "+7".zfill(4), "abc".zfill(2))
print("[" + "ab".center(7) + "]", "[" + "ab".center(7, "*") + "]", "[" + "abc".center(6, "-") + "]")
print("a\tbc\td".expandtabs(), "a\tb".expandtabs(4), "x\ty".expandtabs(0))
print(s.swapcase(), "Straße".casefold())
print(s.startswith(("He", "x")), s.endswith(("ld", "y")), s.startswith("World", 7), s.endswith("Hello", 0, 5))
print(s.index("o"), s.rindex("o"), s.rfind("o", 0, 5), s.find("o", 5, 8))
print("a,b,,c".split(","), "a,b,,c".rsplit(",", 1), " a  b ".split(), "a b c".split(None, 1))
print("-".join(["x", "y"]), "".join([]), "ab".join("123"))
print("  x ".lstrip(), "xxhixx".strip("x"), "www.site.com".rstrip("cmo."), "abc".removeprefix("a"), "abc".removesuffix("bc"))
print("Title case words".title(), "hello world".capitalize(), "MiXeD".lower(), "MiXeD".upper())
print("abc".ljust(6, ".") + "|", "abc".rjust(6) + "|")
print("a1".isalnum(), "12".isdigit(), "½".isnumeric(), "½".isdigit(), " \t".isspace(), "Ab Cd".istitle(), "ab".islower())
print("x".replace("", "-"), "aaa".replace("a", "b", 2), "abc" * 0, "ab" < "b", "Z" < "a")
try:
    "abc".index("z")
except ValueError as e:
    print(type(e).__name__, e)
