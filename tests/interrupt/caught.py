# KeyboardInterrupt caught by the program: it goes on and exits normally.
print("start", flush=True)
try:
    n = 0
    while True: n += 1
except KeyboardInterrupt:
    print("caught KeyboardInterrupt", flush=True)
print("end")
