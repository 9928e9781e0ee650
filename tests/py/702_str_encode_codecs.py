# str.encode / bytes.decode with the codecs people use: utf-8, latin-1, ascii, utf-16, utf-32, cp1252
s = "héllo€"
for enc in ("utf-8", "latin-1", "ascii", "utf-16", "utf-16-le", "utf-32", "utf-32-be", "cp1252"):
    try:
        b = s.encode(enc)
        print(enc, b, b.decode(enc) == s)
    except UnicodeEncodeError as e:
        print(enc, "UnicodeEncodeError:", e.reason, e.start, e.end)
    except LookupError as e:
        print(enc, "LookupError:", e)
print(b"\xff\xfeh\x00i\x00".decode("utf-16"), "x".encode("UTF8"), "x".encode("Latin1"), "y".encode("utf_8"))
