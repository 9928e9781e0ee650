# tuple free lists are per size: a freed 3-tuple is reused by the next 3-tuple, not by a 2-tuple
import gc
gc.collect()
n = 7
t3 = (n, n, n + 1)
a3 = id(t3)
del t3
t2 = (n, n + 2)
print("2-tuple takes the freed 3-tuple:", id(t2) == a3)
t3b = (n, n + 3, n)
print("next 3-tuple does:", id(t3b) == a3)
t1 = (n,)
a1 = id(t1)
del t1
t1b = tuple([n + 5])
print("tuple() of a list reuses the 1-slot:", id(t1b) == a1)
l19 = list(range(n, n + 19))
t19 = tuple(l19)
a19 = id(t19)
del t19
t19b = tuple(l19)
print("19-tuple reused (free lists hold sizes 1..19):", id(t19b) == a19)
e1 = ()
e2 = tuple()
print("empty tuple singleton:", e1 is e2)
