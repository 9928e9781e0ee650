# %-formatting: flags, width/precision from *, %r/%a/%c/%%, mapping keys, errors
print("%5d|%-5d|%05d|%+d|% d|%x|%X|%#x|%#o|%o" % (42, 42, 42, 42, 42, 255, 255, 255, 8, 8))
print("%.3f|%10.2f|%-10.1e|%g|%G|%e" % (3.14159, 2.5, 12345.678, 0.00001, 1e20, 0))
print("%s|%r|%a|%c|%c|%%" % ("s", "s", "é", 65, "z"))
print("%*d|%-*d|%.*f" % (5, 1, 4, 2, 2, 3.14159))
print("%(name)s is %(age)d" % {"name": "amy", "age": 30}, "%s" % [1, 2], "%s" % ((1, 2),), "%d%%" % 50)
print("%i|%u|%d" % (3.9, -4, True), "%s" % None, "%.2s" % "abcdef", "%5.1s|" % "xyz")
for fmt, args in (("%d", "x"), ("%d %d", (1,)), ("%d", (1, 2)), ("%z", 1), ("%(a)s", 5), ("%c", 1114112), ("%c", "ab")):
    try:
        print(fmt % args)
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
print(b"%s=%d" % (b"k", 5), b"%x" % 255, b"%5s|" % b"ab", b"%c" % 66)
