# f-strings: fill/align/sign/width/grouping/precision/type, conversions, nested specs, = debugging
x = 1234567.891
n = -42
s = "text"
print(f"[{s:>10}] [{s:<10}] [{s:^10}] [{s:*^10}] [{s:.2}] [{s!r:>8}]")
print(f"[{n:5}] [{n:<5}] [{n:^7}] [{n:=7}] [{n:+}] [{42:+}] [{42: }] [{n:07}]")
print(f"{x:,.2f} {x:_.1f} {1234567:,} {1234567:_} {0xdeadbeef:_x} {255:#x} {255:#o} {255:#b} {255:X}")
print(f"{x:e} {x:.3e} {x:E} {x:g} {1e-7:g} {x:.3g} {0.000012345:.2%} {0.5:%}")
print(f"{3.0:.0f} {2.5:.0f} {3.5:.0f} {-0.0:.1f} {1e100:.3} {float('inf'):>6} {float('nan'):^7}")
w, p = 12, 3
print(f"[{x:{w}.{p}f}] [{s:{'>'}{w}}] [{n:{w}d}]")
print(f"{x=}", f"{n = }", f"{s=!s}", f"{n=:5}")
print(f"{{literal}} {'quoted'} {s!a} {'é'!a} {[1, 2]!s}")
print(f"{True:d} {True} {None!r} {65:c} {10:08b} {-10:x} {2**70:,}")
print(f"{'multi' 'part'} " f"{n}" "plain")
try:
    print(f"{s:d}")
except ValueError as e:
    print(type(e).__name__, e)
try:
    print(f"{n:.2s}")
except ValueError as e:
    print(type(e).__name__, e)
try:
    print(f"{x:,d}")
except ValueError as e:
    print(type(e).__name__, e)
