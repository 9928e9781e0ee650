# str concatenation, repetition, comparison, membership, iteration, immutability
a = "foo"
b = a + "bar"
a += "!"
print(a, b, "ab" * 3, 3 * "-", "x" * 0, "x" * -1, "" * 10)
print("abc" < "abd", "abc" < "ab", "Z" < "a", "é" > "z", "😀" > "\uffff", "a" == "a", "a" != "A")
print("b" in "abc", "" in "", "ac" in "abc", "😀" in "x😀y")
acc = ""
for ch in "hello":
    acc = ch + acc
print(acc)
parts = []
for i in range(5):
    parts.append(str(i) * i)
print("|".join(parts))
s = "immutable"
t = s
s += "!"
print(s, t, s is t)
print(str(123) + str(4.5) + str(None) + str([1]), len("é" * 1000), ("ab" * 500).count("ba"))
print(max("hello"), min("hello"), sorted("hello"), sum([len(w) for w in "a bb ccc".split()]))
print("%s" % "x" * 3, "-" .join(["a"] * 3), "abc"[1] * 2)
