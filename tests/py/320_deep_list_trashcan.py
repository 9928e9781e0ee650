# a 100000-deep nested list is freed by del without exhausting the C stack (the trashcan)
import gc
gc.collect()
x = []
for i in range(100000):
    x = [x]
print("built")
del x
print("freed")
t = ()
for i in range(100000):
    t = (t,)
del t
print("tuple chain freed")
d = {}
for i in range(100000):
    d = {"next": d}
del d
print("dict chain freed")
print("nothing left for the collector:", gc.collect())
