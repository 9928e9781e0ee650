# format specs for floats (f-strings), including rounding and special values
for v in (0.0, -0.0, 1.0, 3.14159265, -2.5, 1234567.891, 1e-7, 1e22, 0.1, 2 / 3):
    print(f"[{v}] [{v:f}] [{v:.2f}] [{v:10.3f}] [{v:<10.1f}] [{v:e}] [{v:.2e}] [{v:g}] [{v:.3g}] [{v:%}] [{v:,.2f}] [{v:+.1f}]")
print(f"{0.5:.0f} {1.5:.0f} {2.5:.0f} {2.675:.2f} {1.005:.2f} {0.125:.2f} {0.375:.2f}")
for sp in (float("inf"), float("-inf"), float("nan")):
    print(f"[{sp}] [{sp:f}] [{sp:10.2f}] [{sp:e}] [{sp:g}] [{sp:%}] [{sp:+}]")
print(f"{1e16:g} {1e15:g} {123456789.0:g} {0.0001:g} {0.00001:g} {100.0:g} {1e100:.3}")
print(f"{3.0:.0e} {12.0:#.0f} {12.5:#g} {1.0:.10g} {1/7:.20f}")
print(f"{1.0:n} {1e6:n} {12345.6789:.6} {12345.6789:.1} {0.0:.3e} {5e-324} {1.7976931348623157e308}")
print(f"{-1e-10:.3f} {-0.0001:.2f} {0.001:015.4f} {-3.5:010.2f} {2.5:=+10.1f}")
try:
    print(f"{1.5:d}")
except ValueError as e:
    print(type(e).__name__, e)
try:
    print(f"{1.5:x}")
except ValueError as e:
    print(type(e).__name__, e)
