# CPython 3.11 quirk: a loop that starts the try body is not covered by its handler
# for the interrupt raised at the backward jump (the jump target is the try's first
# instruction, prev_instr is before the range): the KeyboardInterrupt escapes.
print("start", flush=True)
n = 0
try:
    while True: n += 1
except KeyboardInterrupt:
    print("caught KeyboardInterrupt", flush=True)
print("end")
