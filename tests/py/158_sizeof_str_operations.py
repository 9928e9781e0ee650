# str results take the narrowest kind that fits: sizes after slicing, case changes, joins, replace
import sys
g = sys.getsizeof
s = "\xff" * 3
print("latin-1:", g(s), "upper() needs UCS-2 ('Ÿ'):", g(s.upper()))
t = "a\u20acb"
print("UCS-2:", g(t), "after removing the euro sign:", g(t.replace("\u20ac", "")), g(t[:1] + t[2:]))
u = "x\U0001F600"
print("UCS-4:", g(u), "slice back to ASCII:", g(u[:1]), "join:", g("".join([u[:1], "y"])))
print("ASCII join:", g("-".join(["ab"] * 10)), "latin-1 join:", g("-".join(["\xe9"] * 10)))
print("lower of ASCII:", g("ABC".lower()), "strip:", g("  abc  ".strip()), "center:", g("ab".center(10)))
print("str(int):", g(str(2**100)), "repr(str):", g(repr("é")), "f-string:", g(f"{'é'}x{1}"))
print("encode/decode round trip:", g("héllo".encode().decode()), "from bytes:", g(b"abc".decode()))
acc = ""
for i in range(100):
    acc += "z"
print("built by += 100 times:", g(acc))
print("mixed concatenation:", g("abc" + "\u20ac"), g("\u20ac" + "abc"), g("a" * 10 + "\U0001F600"))
