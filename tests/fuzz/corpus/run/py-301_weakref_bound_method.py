# a weakref to a bound method dies immediately: the method object is a temporary
import gc
import weakref
gc.collect()
class A:
    def m(self):
        return "m"
a = A()
r = weakref.ref(a.m)
print("weakref to a.m:", r())
bm = a.m
r2 = weakref.ref(bm)
print("while a name holds the bound method:", r2() is bm, r2()())
del bm
print("after del:", r2())
fr = weakref.ref(A.m)
print("the plain function lives in the class:", fr() is A.m)
class Local:
    pass
rc = weakref.ref(Local)
del Local
print("class alive until collected:", rc() is not None)
gc.collect()
print("after collect:", rc())
