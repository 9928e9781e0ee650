# weakref.getweakrefcount and getweakrefs
import weakref
class A:
    pass
a = A()
print(weakref.getweakrefcount(a), weakref.getweakrefs(a))
r1 = weakref.ref(a)
print(weakref.getweakrefcount(a))
r1b = weakref.ref(a)
print("shared ref does not add:", weakref.getweakrefcount(a))
cb = lambda r: None
r2 = weakref.ref(a, cb)
r3 = weakref.ref(a, cb)
p = weakref.proxy(a)
print(weakref.getweakrefcount(a))
refs = weakref.getweakrefs(a)
order = []
for x in refs:
    if x is r1:
        order.append("ref")
    elif x is r2:
        order.append("cb-ref 1")
    elif x is r3:
        order.append("cb-ref 2")
    elif x is p:
        order.append("proxy")
print(order)
del r3
print("r3 still held by the getweakrefs() list:", weakref.getweakrefcount(a))
del refs, x
print(weakref.getweakrefcount(a))
print(weakref.getweakrefcount(5), weakref.getweakrefs(5), weakref.getweakrefcount([]))
del a
print("after death:", r1(), r2())
