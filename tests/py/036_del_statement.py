# del of names, items, slices and attributes
a = 1
del a
try:
    a
except NameError as e:
    print(type(e).__name__, e)
l = list(range(10))
del l[0]
del l[-1]
del l[2:4]
del l[::3]
print(l)
del l[:]
print(l)
d = {"a": 1, "b": 2, "c": 3}
del d["b"]
print(d)
class O:
    cls = 1
o = O()
o.x = 1
o.y = 2
del o.x
print(vars(o), hasattr(o, "x"))
del O.cls
print(hasattr(O, "cls"))
x, y, z = 1, 2, 3
del x, y
print(z)
def f():
    v = 1
    del v
    try:
        return v
    except UnboundLocalError as e:
        return type(e).__name__ + ": " + str(e)
print(f())
def show(g):
    try:
        g()
    except Exception as e:
        print(type(e).__name__, e)
def del_missing_item():
    del d["zz"]
def del_missing_attr():
    del o.nothing
def del_index():
    del l[5]
def del_tuple_item():
    t = (1, 2)
    del t[0]
show(del_missing_item)
show(del_missing_attr)
show(del_index)
show(del_tuple_item)
def del_global_missing():
    global never_defined
    del never_defined
show(del_global_missing)
