# strip family, padding and alignment
s = "  \t hi there \n "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr("xxhixx".strip("x")))
print(repr("abcHELLOcba".strip("abc")), repr("www.example.com".lstrip("w.")), repr("!!ok!!".rstrip("!")))
print(repr("7".zfill(3)), repr("-7".zfill(4)), repr("+3.5".zfill(7)), repr("abc".zfill(2)))
print(repr("ab".center(7)), repr("ab".center(6, "*")), repr("abc".center(2)), repr("a".center(4, "-")))
print(repr("ab".ljust(5)), repr("ab".rjust(5, ".")), repr("ab".ljust(1)), repr("é".rjust(3, "€")))
print(repr("a\tb\tc".expandtabs()), repr("a\tbc\td".expandtabs(4)), repr("\t".expandtabs(2)))
print(repr("prefix-body".removeprefix("prefix-")), repr("body.txt".removesuffix(".txt")), repr("x".removeprefix("y")))
try:
    "a".center(5, "ab")
except TypeError as e:
    print(type(e).__name__, e)
try:
    "a".ljust("5")
except TypeError as e:
    print(type(e).__name__, e)
