# objects allocated by finalizers during a collection count toward the next one (counts reset at its start)
import gc
gc.collect()
gc.disable()
made = []
class F:
    def __del__(self):
        for i in range(25):
            made.append([i])
out = [None] * 4
f = F()
f.me = f
del f
gc.collect(0)
out[0] = gc.get_count()
g = F()
g.me = g
del g
gc.collect()
out[1] = gc.get_count()
h = F()
del h
out[2] = gc.get_count()
made.clear()
out[3] = gc.get_count()
gc.enable()
print(out, len(made))
