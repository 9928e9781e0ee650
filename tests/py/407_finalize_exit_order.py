# weakref.finalize at exit: the live ones run newest first; dead or detached ones do not run
import weakref
import gc
gc.collect()
class R:
    pass
def done(name):
    print("finalize", name)
objs = [R() for i in range(7)]
fs = [weakref.finalize(o, done, "f" + str(i)) for i, o in enumerate(objs)]
del objs[1]
fs[3].detach()
fs[4].atexit = False
fs[2]()
print("alive:", [f.alive for f in fs])
print("end of script")
