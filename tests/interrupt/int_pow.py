# Ctrl-C inside long integer arithmetic: a huge power (10**10**8).
print("start", flush=True)
x = 10 ** 10 ** 8
print("done")
