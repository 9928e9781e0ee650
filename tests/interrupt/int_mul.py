# Ctrl-C inside long integer arithmetic: repeated products of big ints.
a = 3 ** 2000000
print("start", flush=True)
while True: b = a * a
