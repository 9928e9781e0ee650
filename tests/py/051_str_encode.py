# encode / decode with utf-8, latin-1, ascii and error handlers
for s in ("abc", "café", "€", "😀", "\x00\x7f\x80\xff"):
    print(repr(s), s.encode(), s.encode("utf-8"), len(s.encode()), s.encode("utf-8").decode() == s)
print("café".encode("latin-1"), b"caf\xe9".decode("latin-1"), "abc".encode("ascii"))
print("café".encode("ascii", "ignore"), "café".encode("ascii", "replace"), "€".encode("latin-1", "replace"))
print(b"caf\xc3".decode("utf-8", "replace"), b"a\xffb".decode("utf-8", "ignore"), b"a\xffb".decode("ascii", "replace"))
print("😀".encode("utf-8").hex(), "€".encode().hex())
def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
show(lambda: "café".encode("ascii"))
show(lambda: b"caf\xc3\xa9".decode("ascii"))
show(lambda: "€".encode("latin-1"))
show(lambda: b"\xc3".decode())
show(lambda: b"\xed\xa0\x80".decode())
show(lambda: "a".encode("no-such-codec"))
