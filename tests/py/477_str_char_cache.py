# one-character Latin-1 strings from indexing/slicing are shared singletons; other results are new objects
s = "hello é"
e = ""
print(s[-1] is s[6:7], s[0] is s[0:1], s[1] is s[1], s[0:0] is e, str() is e)
abc = "abc"
xbz = "xbz"
print(abc[1] is xbz[1], abc[1:2] is xbz[1:2], abc[0:2] is abc[0:2])
big = "€x"
print(big[0] is big[0:1], big[0] is big[0], big[1] is abc[0:1].replace("a", "x"))
ab = "".join(["a", "b"])
x = "x"
print(ab is "".join(["a", "b"]), (x * 1) is x, str(5) is str(5), (x * 2) is (x * 2), str(12) is str(12))
t = "text"
print(t[:] is t, t[0:4] is t, str(t) is t, t + e is t, t * 1 is t)
