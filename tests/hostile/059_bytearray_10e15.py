try:
    b = bytearray(10 ** 15)
except MemoryError as e:
    print("caught", type(e).__name__, repr(e))
l = [1, 2, 3]
print("heap still usable:", l * 2)
b = bytes(10 ** 15)
