# printf-style % formatting
print("%s|%r|%a" % ("é", "é", "é"))
print("%d %i %u" % (42, -42, 7), "%5d|%-5d|%05d|%+d|% d" % (42, 42, 42, 42, 42))
print("%x %X %o %#x %#o %#X" % (255, 255, 8, 255, 8, 255))
print("%f %.2f %10.3f %-10.1f| %e %.3E %g %G" % (3.14159, 3.14159, 3.14159, 3.14159, 12345.678, 0.000123, 1e-5, 1e20))
print("%g %g %g %g %.3g %.10g" % (100000, 1000000, 0.0001, 0.00001, 3.14159, 1 / 3))
print("%c%c %c" % (72, 105, "!"), "%%", "%s%%" % 50, "%5s|%-5s|%.2s" % ("ab", "ab", "abcdef"))
print("%(name)s is %(age)d" % {"name": "Ann", "age": 30}, "%s" % [1, 2], "%s" % ((1, 2),))
print("%d" % 3.99, "%d" % True, "%s %s" % (None, True), "%.0f %.0f %.0f" % (0.5, 1.5, 2.5))
print("%*d|%-*d|%.*f" % (5, 1, 4, 2, 2, 3.14159))
print("%r" % "it's", "%r" % 'say "x"', "%r" % b"b", "%s" % b"b")
print("%x" % 2**70, "%d" % 10**25, "%e" % 10**25, "%f" % 1e20, "%.1f" % float("inf"))
print("%s" % 1.0, "%s" % 1e16, "%s" % 0.1, "%r" % 0.1)
for fmt, args in (("%d", "x"), ("%s %s", (1,)), ("%s", (1, 2)), ("%z", 1), ("%(k)s", 5),
                  ("%(k)s", {"j": 1}), ("%c", 1.5), ("%c", "ab"), ("%x", 1.5), ("%", ())):
    try:
        print(fmt % args)
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__, e)
