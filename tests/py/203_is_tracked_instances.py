# instances, their materialised __dict__, slots and freed/reused containers
import gc
gc.collect()
class A:
    pass
a = A()
print("instance:", gc.is_tracked(a))
a.x = 1
d = vars(a)
print("materialised __dict__ with atomic values:", gc.is_tracked(d))
a.y = []
print("after storing a list:", gc.is_tracked(d))
a.y = 2
gc.collect()
print("after full collect (instance, dict):", gc.is_tracked(a), gc.is_tracked(d))
class S:
    __slots__ = ("v",)
s = S()
s.v = 1
gc.collect()
print("slots instance stays tracked:", gc.is_tracked(s))
class Child(A):
    pass
print("subclass instance:", gc.is_tracked(Child()))
print("class objects:", gc.is_tracked(A), gc.is_tracked(Child), gc.is_tracked(S))
def outer():
    v = 1
    def inner():
        return v
    return inner
f = outer()
print("closure:", gc.is_tracked(f))
l = [1]
del l
m = []
print("list from the free list is tracked:", gc.is_tracked(m))
dd = {"k": []}
del dd
ee = {}
print("dict from the free list is untracked:", gc.is_tracked(ee))
