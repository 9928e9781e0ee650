# strings: f-strings, format specs, join/split, replace, encode/decode, %
name, n, x = "refgc", 42, 3.14159
print(f"{name:>8}|{n:05d}|{x:.2f}|{n!r}|{name.upper()}")
words = "the quick brown fox jumps".split()
print("-".join(reversed(words)), len(words))
s = "abc" * 5
print(s.replace("b", "XY"), s.count("c"), s.find("ca"))
print("%s=%d (%x)" % ("k", 255, 255), "{0}/{1}".format(1, 2))
data = "héllo wörld".encode("utf-8")
print(data, data.decode("utf-8").title())
print(", ".join(str(i) for i in range(8)), "é" in "café")
