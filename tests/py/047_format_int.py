# format specs for ints (f-strings)
for v in (0, 7, -7, 255, 1234567, -1234567, 2**64):
    print(f"[{v:d}] [{v:8d}] [{v:<8d}] [{v:^8}] [{v:+d}] [{v: d}] [{v:08d}] [{v:,}] [{v:_}]")
    print(f"[{v:x}] [{v:X}] [{v:#x}] [{v:o}] [{v:#o}] [{v:b}] [{v:#b}] [{v:_x}] [{v:#010x}]")
print(f"{65:c} {0x20AC:c} {42:n} {42:e} {42:.2f} {42:%} {42:g} {-0:d} {True:d} {True}")
print(f"{1234567:>15,} {1234567:=+15,} {-42:=8} {42:0=8} {42:x<6} {42:🙂^7}")
for spec in ("s", ".2d", ",b", "z", "=s"):
    try:
        print(f"{5:{spec}}")
    except ValueError as e:
        print(type(e).__name__, e)
