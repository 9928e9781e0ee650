# nonlocal and global statements: rebinding, creation of globals, errors, class bodies
count = 0
def bump():
    global count
    count += 1
    return count
bump(); bump()
print(count)
def create():
    global made
    made = "yes"
create()
print(made)
def outer():
    a = 1
    def mid():
        nonlocal a
        a += 10
        def inner():
            nonlocal a
            a *= 2
        inner()
    mid()
    return a
print(outer())
def shadow():
    count = 100
    def g():
        global count
        return count
    return g(), count
print(shadow())
try:
    exec_free = 0
    def reads_before():
        print(count)
        count = 5
    reads_before()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
class K:
    v = count
    def m(self):
        return v if False else count
print(K.v, K().m())
g_del = 1
def delete_global():
    global g_del
    del g_del
delete_global()
try:
    g_del
except NameError as e:
    print("NameError:", e)
def closure_del():
    z = 1
    def f():
        nonlocal z
        del z
    f()
    try:
        return z
    except NameError as e:
        return "NameError: " + str(e)
print(closure_del())
