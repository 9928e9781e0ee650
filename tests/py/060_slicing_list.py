# list slicing: reads with every step sign, slice assignment and deletion
l = list(range(10))
print(l[2:5], l[:3], l[7:], l[-3:], l[:-7], l[::3], l[1::4], l[::-1], l[8:2:-2], l[-1:-4:-1])
print(l[5:2], l[100:], l[-100:2], l[2:100:50], l[::-100], l[:0])
m = l[:]
m[2:5] = ["a"]
print(m)
m[1:1] = [100, 200]
print(m)
m[:] = "xyz"
print(m)
n = list(range(10))
n[::2] = [0] * 5
print(n)
n[-2:] = []
print(n)
n[3:] = range(3)
print(n)
n[len(n):] = [99]
print(n)
del n[::2]
print(n)
o = [1, 2, 3]
o[1:2] = o
print(o)
p = [1, 2, 3, 4]
p[::-1] = "abcd"
print(p)
i = 1
j = 3
print(l[i:j], l[i:], l[:j], l[-j:-i])
def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
def ext_bad():
    q = [1, 2, 3]
    q[::2] = [1]
show(ext_bad)
def not_iter():
    q = [1, 2]
    q[0:1] = 5
show(not_iter)
s_ = "1"
show(lambda: l[s_:])
