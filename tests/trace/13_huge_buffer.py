buf = bytearray(10**6)
print(len(buf))
del buf
print("freed")
