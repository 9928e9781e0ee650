# when temporaries die: call arguments after the call, intermediate results at once
import gc
gc.collect()
class T:
    def __init__(self, tag):
        self.tag = tag
    def __del__(self):
        print("del", self.tag)
    def combine(self, other):
        return T(self.tag + "+" + other.tag)
def use(a, b):
    print("in use:", a.tag, b.tag)
    return "result"
print(use(T("arg1"), T("arg2")))
r = T("x").combine(T("y"))
print("kept:", r.tag)
del r
print("chain:", T("p").combine(T("q")).combine(T("r")).tag)
items = [T("c%d" % i) for i in range(3)][1:]
print("slice kept", [i.tag for i in items])
del items
print("end")
