# a typical cache built on WeakValueDictionary: objects live only while someone uses them
import gc
import weakref
gc.collect()
class Image:
    loads = 0
    def __init__(self, name):
        self.name = name
        Image.loads += 1
cache = weakref.WeakValueDictionary()
def load(name):
    img = cache.get(name)
    if img is None:
        img = Image(name)
        cache[name] = img
    return img
a = load("cat.png")
b = load("cat.png")
print(a is b, Image.loads, len(cache))
del a
print("still used by b:", len(cache), Image.loads)
del b
print("unused:", len(cache))
c = load("cat.png")
print("reloaded:", Image.loads)
users = [load("dog.png") for i in range(3)]
print(Image.loads, sorted(cache.keys()))
users.clear()
print(sorted(cache.keys()))
