# Ctrl-C inside long integer division.
a = 7 ** 1000000
b = 3 ** 300000
print("start", flush=True)
while True: q = a // b
