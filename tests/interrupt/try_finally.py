# Ctrl-C inside try/finally: the finally block runs, then the traceback.
print("start", flush=True)
try:
    n = 0
    while True: n += 1
finally:
    print("finally ran", flush=True)
