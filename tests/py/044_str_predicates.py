# startswith/endswith and the is* predicates
s = "Hello.py"
print(s.startswith("He"), s.startswith(("x", "Hel")), s.startswith("llo", 2), s.endswith(".py"))
print(s.endswith((".c", ".h")), s.endswith("Hello", 0, 5), "".startswith(""), "a".endswith(""))
tests = ["abc", "ABC", "Abc", "123", "½", "²", "١٢", "a1", " ", "\t\n", "", "Hello World", "é", "_x"]
for t in tests:
    print(repr(t), t.isalpha(), t.isdigit(), t.isdecimal(), t.isnumeric(), t.isalnum(),
          t.isspace(), t.isupper(), t.islower(), t.istitle(), t.isidentifier(), t.isascii(),
          t.isprintable())
try:
    s.startswith(["He"])
except TypeError as e:
    print(type(e).__name__, e)
