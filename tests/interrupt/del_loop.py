# Ctrl-C in a loop running inside __del__: "Exception ignored in", the program goes on.
class Slow:
    def __del__(self):
        n = 0
        while n < 10**10: n += 1
print("start", flush=True)
s = Slow()
del s
print("after del", flush=True)
