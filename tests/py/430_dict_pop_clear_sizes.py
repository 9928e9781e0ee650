# dict sizes after pop, popitem, clear, setdefault, update and fromkeys
import sys
d = {i: i for i in range(20)}
print(sys.getsizeof(d))
for i in range(15):
    d.pop(i)
print("after pops:", len(d), sys.getsizeof(d))
while d:
    d.popitem()
print("after popitem:", sys.getsizeof(d))
d[1] = 1
print("insert into emptied:", sys.getsizeof(d))
d = {i: i for i in range(20)}
d.clear()
print("clear:", sys.getsizeof(d))
d = {}
sizes = []
for i in range(30):
    d.setdefault(i, [])
    sizes.append(sys.getsizeof(d))
print(sorted(set(sizes)))
e = {}
e.update({i: 0 for i in range(10)})
print("update:", sys.getsizeof(e), sys.getsizeof(dict.fromkeys(range(10))), sys.getsizeof(dict.fromkeys("abcdefghij")))
print(sys.getsizeof(dict(zip(range(6), range(6)))), sys.getsizeof(dict([(1, 2), (3, 4)])), sys.getsizeof(dict(a=1, b=2)))
f = {"a": 1}
for i in range(100):
    f["k"] = i
    del f["k"]
print("insert/delete churn:", sys.getsizeof(f), len(f))
g = {i: i for i in range(5)}
for i in range(5):
    del g[i]
    g[i + 100] = i
print("replace keys:", sys.getsizeof(g))
try:
    {}.popitem()
except KeyError as e:
    print(type(e).__name__, e)
