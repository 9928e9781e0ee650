# print: separators, end, several arguments, nested containers
print()
print(1, 2, 3)
print(1, 2, 3, sep="")
print(1, 2, 3, sep=", ", end=".\n")
print("no newline", end="")
print(" -- continued")
print("a", "b", sep="\n")
print(None, True, False)
print([1, [2, [3, []]]], (1,), (), {})
print({1: "one", 2: [2.0, "two"]})
print("tab\there", "quote's", 'dq"')
print(-0, -0.0, 0.5, 1e100, 2**100)
print("", "", sep="|")
print(*[1, 2, 3])
print(*"abc", sep="-")
print("x" * 0, end="<\n")
x = [1, 2]
x.append(x)
print(x)
d = {"k": 1}
d["self"] = d
print(d)
