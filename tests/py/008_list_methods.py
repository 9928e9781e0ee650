# list(): construction and every list method
print(list(), list("abc"), list((1, 2)), list(range(3)), list({1: 2, 3: 4}))
l = [3, 1, 2]
l.append(5); print(l)
l.extend([7, 8]); print(l)
l.extend("ab"); print(l)
l.insert(0, "first"); l.insert(-1, "pen"); l.insert(100, "end"); l.insert(-100, "start")
print(l)
print(l.pop(), l.pop(0), l.pop(-2), l)
l.remove("first"); print(l)
print(l.index(2), l.count(2), [1, 1, 1].count(1), l.index(7, 2))
n = [5, 3, 9, 1, 3]
n.sort(); print(n)
n.sort(reverse=True); print(n)
w = ["bb", "a", "ccc", "dd"]
w.sort(key=len); print(w)
w.sort(key=lambda s: s[-1], reverse=True); print(w)
w.reverse(); print(w)
c = w.copy(); c.append("x"); print(w, c, c is w)
c.clear(); print(c, len(c))
print([1, 2] + [3], [0] * 4, [1, 2] * 0, 2 * [None], [] * 100)
m = [1, 2]; m += [3]; m *= 2; print(m)
print([1, 2] == [1, 2], [1, 2] < [1, 3], [1] < [1, 0], [] < [0], [2] > [1, 9])
print(3 in [1, 2, 3], 4 not in [1, 2, 3], [1] in [[1], 2])
x = [1, 2, 3, 4, 5, 6]
del x[1]; print(x)
del x[::2]; print(x)
x[0] = "zero"; print(x)
print(sorted([3, 1, 2]), list(reversed([1, 2, 3])))
