a = -1
b = ~5
c = not 1
d = 1 / 0
e = "abc"[1]
f = (1, 2)[1]
g = 2 ** 100
h = 2 ** 200
i = 1 << 100
j = 1 << 200
k = "x" * 4096
l = "x" * 4097
m = (1,) * 256
n = (1,) * 257
o = 3.5 * 2
p = 10 // 3 % 4
q = "a" "b" + "c"
r = b"ab" * 3
s = (1, (2, 3), "x") + (4,)
t = 1 - 2 - 3
u = "%s" % ("x",)
v = "%d" % (y,)
w = "%-5s|%.3r|%5a" % (a, b, c)
x = 0.0; y = -0.0; z = (0.0, -0.0)
aa = 1; bb = 1.0; cc = True
dd = None; ee = ...
ff = 'it''s'
gg = -(-5)
hh = 2 ** -1
ii = [1, 2] * 2
def doc_fold():
    "doc" + "string"
    return 1
def folded_doc():
    "doc"
f99 = "%99s|%100s" % (a, b)
f98 = "%.99s|%-99s|%s" % (a, b, c)
fp = "%.100s" % (a,)
