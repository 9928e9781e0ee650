# str case methods, including non-ASCII letters
for s in ("hello world", "HeLLo WoRLD", "ß straße", "élan ÉLAN", "123 abc", "", "o'neil mc-doo"):
    print(repr(s), s.upper(), s.lower(), s.title(), s.capitalize(), s.swapcase(), s.casefold())
print("abc".isupper(), "ABC".isupper(), "abc".islower(), "Abc".istitle(), "A1".isupper())
print("ǅ".upper(), "ǅ".lower(), "ﬁ".upper(), len("ﬁ".upper()), "İ".lower(), len("İ".lower()))
print("ΣΑΣ".lower(), "σς".upper(), "x".upper() == "X")
