# order in which containers release their items: lists and tuples from the end, dicts from the start
import gc
gc.collect()
class D:
    def __init__(self, tag):
        self.tag = tag
    def __del__(self):
        print("del", self.tag)
l = [D("l0"), D("l1"), D("l2")]
print("-- del list")
del l
t = (D("t0"), D("t1"), D("t2"))
print("-- del tuple")
del t
d = {"a": D("d0"), "b": D("d1"), "c": D("d2")}
print("-- del dict")
del d
s = [D("s0"), D("s1"), D("s2")]
print("-- clear list")
s.clear()
o = D("owner")
o.x = D("attr x")
o.y = D("attr y")
print("-- del instance with attributes")
del o
n = [D("n0"), D("n1"), D("n2"), D("n3")]
print("-- del slice n[1:3]")
del n[1:3]
print("-- reassign n[:]")
n[:] = []
print("-- done")
