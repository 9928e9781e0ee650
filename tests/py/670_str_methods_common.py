# commonly used str methods: split/rsplit/join/strip/partition/replace/find/startswith/case/justify
s = "  Hello, World! hello  "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr("xxhixx".strip("x")))
print(s.split(), s.split(","), "a,b,,c".split(","), "a b c d".split(" ", 2), "a b c d".rsplit(" ", 1))
print("line1\nline2\r\nline3".splitlines(), "a\nb\n".splitlines(True))
print("-".join(["a", "b", "c"]), "".join(reversed("abc")), ", ".join(str(i) for i in range(3)))
print("key=value=x".partition("="), "key=value=x".rpartition("="), "abc".partition("z"))
print(s.replace("l", "L"), "aaaa".replace("a", "b", 2))
print(s.find("o"), s.rfind("o"), s.find("zz"), s.index("W"), s.count("l"), "abc".count(""))
try:
    s.index("zz")
except ValueError as e:
    print("ValueError:", e)
print("Hello".startswith("He"), "Hello".endswith(("x", "lo")), "Hello".startswith("l", 2))
print("mIxEd".upper(), "mIxEd".lower(), "mIxEd".swapcase(), "hello world".title(), "hello".capitalize())
print("ß".upper(), "İ".lower() == "i̇", "ǅ".casefold(), "Straße".casefold())
print("42".zfill(5), "-42".zfill(5), "ab".center(7, "*"), "ab".ljust(5, "."), "ab".rjust(5))
print("abc".isalpha(), "123".isdigit(), "12a".isalnum(), "   ".isspace(), "Title Case".istitle(), "x_1".isidentifier())
print("a\tb".expandtabs(4), "%s-%s" % ("x", "y"), "{0}{1}{0}".format("a", "b"))
print("hello world".removeprefix("hello "), "file.py".removesuffix(".py"), "abc".removeprefix("z"))
print("a-b_c".translate(str.maketrans("-_", "  ")), "abc".encode(), b"abc".decode(), "é".encode("utf-8"))
print(sorted("banana"), "banana".index("an", 2), "x" * 3, "abc"[::-1], "abcdef"[1:5:2])
print("Hello" < "hello", "a" in "cat", ord("A"), chr(97), "tab\there".split("\t"))
