# sys.getsizeof(str) for the four storage kinds: ASCII, latin-1, UCS-2, UCS-4
import sys
def rep(ch, n):
    return ch * n
for n in (0, 1, 2, 7, 8, 100, 1000):
    print(n, sys.getsizeof(rep("a", n)), sys.getsizeof(rep("\xe9", n)),
          sys.getsizeof(rep("\u20ac", n)), sys.getsizeof(rep("\U0001F600", n)))
print(sys.getsizeof("a\xe9"), sys.getsizeof("a\u20ac"), sys.getsizeof("a\U0001F600"), sys.getsizeof("\xe9\u20ac\U0001F600"))
print(sys.getsizeof("\x7f"), sys.getsizeof("\x80"), sys.getsizeof("\xff"), sys.getsizeof("\u0100"),
      sys.getsizeof("\uffff"), sys.getsizeof("\U00010000"))
s = "abc" + "\U0001F600"
print(sys.getsizeof(s), sys.getsizeof(s[:3]), sys.getsizeof(s[3:]), sys.getsizeof(s[:3] + "\xe9"))
print(sys.getsizeof("x" * 10 + "é"), sys.getsizeof(("x" * 10 + "é")[:10]))
print(sys.getsizeof(str(12345)), sys.getsizeof(repr(1.5)), sys.getsizeof(hex(255)), sys.getsizeof(f"{'é'}{1}"))
