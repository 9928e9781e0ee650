# Ctrl-C in an infinite while loop.
print("start", flush=True)
n = 0
while True: n += 1
