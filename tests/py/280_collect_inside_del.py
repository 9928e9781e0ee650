# gc.collect() inside __del__: returns 0 while a collection runs, works on refcount death
import gc
gc.collect()
class Inner:
    def __del__(self):
        print("__del__ sees gc.collect() ->", gc.collect())
x = Inner()
x.me = x
del x
print("outer collect ->", gc.collect())
class Other:
    pass
y = Inner()
z = Other()
z.me = z
del z
print("refcount death:")
del y
print("after", gc.collect())
