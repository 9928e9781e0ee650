# module globals: creation from functions, del of globals and builtins shadowing, refcounts of globals
import sys
class G:
    pass
obj = G()
b = sys.getrefcount(obj)
def bind():
    global alias1, alias2
    alias1 = alias2 = obj
bind()
print(sys.getrefcount(obj) - b, "alias1" in globals())
def unbind():
    global alias1
    del alias1
unbind()
print(sys.getrefcount(obj) - b, "alias1" in globals())
len = lambda x: "shadowed"
print(len([1, 2]))
del len
print(len([1, 2]))
try:
    del len
except NameError as e:
    print("NameError:", e)
def reads_global():
    return counter
counter = 1
print(reads_global())
counter = 2
print(reads_global())
del counter
try:
    reads_global()
except NameError as e:
    print("NameError:", e)
def conditional(flag):
    if flag:
        global late
        late = "set"
conditional(True)
print(late)
x = 10
def compute():
    return [x * i for i in range(3)]
print(compute())
print(sorted(k for k in globals() if not k.startswith("__") and k not in ("sys",)))
