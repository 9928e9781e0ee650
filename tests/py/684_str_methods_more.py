# more str methods: numeric predicates, split edge cases, encode errors, comparisons, join errors
print("²".isdigit(), "²".isdecimal(), "½".isnumeric(), "12".isdecimal(), "-1".isdigit())
print("".split(), "   ".split(" "), "a  b".split(" "), "a,b".split(",", 0), ",a,".split(","))
print("aXbXc".split("X", maxsplit=1), "aXbXc".rsplit("X", maxsplit=1), "abc".split("abc"))
try:
    "a".split("")
except ValueError as e:
    print("ValueError:", e)
try:
    "".join([1, 2])
except TypeError as e:
    print("TypeError:", e)
print("é".encode("ascii", "replace"), "é".encode("ascii", "ignore"), "é".encode("latin-1"))
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError:", e)
try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e)
print(b"\xff".decode("utf-8", "replace"), b"caf\xc3\xa9".decode(), len("caf\xe9"), len("😀"), "😀".encode())
print("abc" * 0, "-" * 3, "ab" in "xabx", "" in "x", "abcabc".rfind("bc", 0, 4), "abc".startswith(""))
print("hello"[1:-1], "hello"[-3:], "hello"[10:], "hello"[::2], "hello"[-1::-2])
print(str(123), str(1.5), str(None), str([1, "a"]), str(b"x"), repr("it's"), repr('say "hi"'), repr("a\nb\t\\"))
print(min("hello"), max("hello"), sorted("Hello", key=str.lower), "a" < "B", "a".upper() < "B")
print("Hello World".count("o"), "mississippi".replace("ss", "SS"), "x".join("abc"), "abc".upper().lower())
print("%-6s|%6s|%06.2f|%+d|%c|%%" % ("l", "r", 3.14159, 5, 65))
print("  multiple   spaces  ".split(None, 1), "tab\tsep".expandtabs(), "A1b2".swapcase())
