x = 10 ** 10 ** 8
print("never printed")
