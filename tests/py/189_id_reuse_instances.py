# id() reuse of instances and other objects without a free list: pymalloc hands the freed block out again
import gc
gc.collect()
class C:
    pass
keep = [C() for i in range(10)]
print("id(C()) == id(C()):", id(C()) == id(C()))
a = C()
ia = id(a)
del a
b = C()
print("freed instance's block reused by the next instance:", id(b) == ia)
n = 7
x = n ** 40
ix = id(x)
del x
y = n ** 40 + 1
print("big int: the temporary n ** 40 takes the freed block, the sum gets another:", id(y) == ix)
l1 = [1]
il = id(l1)
l1 = None
objs = [C(), C()]
print("instances never take a list's slot:", id(objs[0]) == il or id(objs[1]) == il)
