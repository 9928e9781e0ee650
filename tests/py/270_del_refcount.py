# __del__ runs as soon as the last reference goes away
import gc
gc.collect()
class Noisy:
    def __init__(self, name):
        self.name = name
        print("init", name)
    def __del__(self):
        print("del", self.name)
a = Noisy("a")
print("before del a")
del a
print("after del a")
b = Noisy("b")
b = Noisy("b2")
print("after rebinding b")
c = Noisy("c")
d = c
del c
print("c deleted, d still refers")
d = None
print("d reset")
Noisy("temporary")
print("after temporary statement")
x = [Noisy("in list")]
x.pop()
print("after pop")
y = {"k": Noisy("in dict")}
y["k"] = 0
print("after overwrite")
def scope():
    local = Noisy("local")
    print("leaving scope")
scope()
print("after scope")
print("end of script; b2 is freed at exit")
