# find, rfind, index, rindex, count, replace
s = "the cat sat on the mat"
print(s.find("at"), s.rfind("at"), s.find("at", 6), s.find("at", 6, 9), s.find("dog"), s.find(""))
print(s.index("the"), s.rindex("the"), s.count("at"), s.count("t"), s.count(""), "aaaa".count("aa"))
print(s.replace("at", "og"), s.replace("at", "og", 1), s.replace("", "-")[:12], "aaa".replace("a", "aa"))
print("ünïcödé".find("ö"), "€uro €".rfind("€"), "😀x😀".count("😀"), "😀x😀".replace("😀", ":)"))
print(s.find("at", -3), s.find("at", -100, 5), s[s.find("sat"):], s.count("at", 0, 10))
print("abc".replace("b", ""), "abc".replace("x", "y"), "".replace("", "z"), "ab".replace("", "|"))
try:
    s.index("dog")
except ValueError as e:
    print(type(e).__name__, e)
try:
    s.rindex("dog")
except ValueError as e:
    print(type(e).__name__, e)
try:
    s.find(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    s.replace("a")
except TypeError as e:
    print(type(e).__name__, e)
