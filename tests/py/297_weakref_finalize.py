# weakref.finalize: call a function when an object dies, at most once
import weakref
import gc
gc.collect()
class Resource:
    def __init__(self, name):
        self.name = name
def release(name, how):
    print("release", name, how)
    return "released " + name
r = Resource("r1")
f = weakref.finalize(r, release, "r1", how="on death")
print("alive:", f.alive)
del r
print("alive after death:", f.alive)
r2 = Resource("r2")
f2 = weakref.finalize(r2, release, "r2", "explicitly")
print("call returns:", f2())
print("second call returns:", f2(), f2.alive)
del r2
r3 = Resource("r3")
f3 = weakref.finalize(r3, release, "r3", "never")
det = f3.detach()
print("detach:", det[0] is r3, det[1] is release, det[2], det[3], f3.alive, f3.detach())
del r3, det
r4 = Resource("r4")
f4 = weakref.finalize(r4, release, "r4", "at exit")
print("atexit flag:", f4.atexit)
r5 = Resource("r5")
f5 = weakref.finalize(r5, release, "r5", "never at exit")
f5.atexit = False
print("end of script")
