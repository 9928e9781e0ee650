import gc
keep = []
class Zombie:
    def __del__(self):
        keep.append(self)
for i in range(1000):
    z = Zombie()
    z.me = z
del z
print(gc.collect(), len(keep))
keep.clear()
print(gc.collect(), len(keep))
