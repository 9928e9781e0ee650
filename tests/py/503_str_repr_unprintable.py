# repr() escapes exactly the characters str.isprintable() rejects (Unicode 14 tables of CPython 3.11)
cps = [0x41, 0xa0, 0xad, 0x378, 0x380, 0x9ff, 0x2028, 0x200b, 0xe000, 0xf8ff, 0xfffe, 0xffff, 0x10ffff,
       0x1f600, 0x1f8ff, 0x2fa1e, 0x30000, 0x3134a, 0x3134b, 0xe0001, 0x1f7d9, 0x1fb00, 0x1faf8,
       0x11f00, 0xa7c0, 0x1e4d0, 0x1f979, 0x1fae7, 0x10ff, 0x0d04, 0x0c5d]
chars = ["%c" % c for c in cps]
print([repr(c) for c in chars])
print([c.isprintable() for c in chars])
print([c.isalpha() for c in chars], [c.isidentifier() for c in chars])
print(["%c" % c == repr("%c" % c)[1:-1] for c in cps] == [c.isprintable() for c in chars])
