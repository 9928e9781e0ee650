# hex(): ints of every size and sign; error for non-ints
print(hex(0), hex(1), hex(255), hex(-255), hex(16), hex(-1))
print(hex(2**30), hex(2**30 - 1), hex(2**60), hex(2**64 - 1), hex(-(2**64)))
print(hex(2**100), hex(True), hex(10**30))
print(hex(3**200))
print(int(hex(123456789), 16), int(hex(-99), 0))
for bad in (1.5, "10", None, [1]):
    try:
        hex(bad)
    except TypeError as e:
        print(type(e).__name__, e)
print("%x %X %#x %08x" % (255, 255, 255, 255), f"{255:x} {255:#X} {-255:x}")
