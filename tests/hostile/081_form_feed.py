print("a")

print("b")
