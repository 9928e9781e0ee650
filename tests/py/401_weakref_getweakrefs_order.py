# getweakrefcount/getweakrefs: refs and proxies, with and without callbacks, reuse of the basic ones
import weakref
class T:
    pass
def cb(r):
    pass
t = T()
print(weakref.getweakrefcount(t), weakref.getweakrefs(t))
r1 = weakref.ref(t)
r2 = weakref.ref(t)
print("basic ref reused:", r1 is r2, weakref.getweakrefcount(t))
r3 = weakref.ref(t, cb)
r4 = weakref.ref(t, cb)
print("callback refs distinct:", r3 is r4, weakref.getweakrefcount(t))
p1 = weakref.proxy(t)
p2 = weakref.proxy(t)
print("basic proxy reused:", p1 is p2, weakref.getweakrefcount(t))
p3 = weakref.proxy(t, cb)
refs = weakref.getweakrefs(t)
print(len(refs), [type(x).__name__ for x in refs])
print(refs[0] is r1, refs[1] is p1, r3 in refs, r4 in refs, p3 in refs)
del refs, r3
print(weakref.getweakrefcount(t))
del r1, r2
print(weakref.getweakrefcount(t), [type(x).__name__ for x in weakref.getweakrefs(t)])
print(weakref.getweakrefcount(5), weakref.getweakrefs("s"))
del t
print(r4() is None, weakref.getweakrefcount(T()))
