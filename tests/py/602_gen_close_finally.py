# close(): GeneratorExit at the yield, finally blocks, close on del, close of exhausted generators
import gc
log = []
def g(name):
    try:
        log.append(name + " start")
        yield 1
        yield 2
    except GeneratorExit:
        log.append(name + " GeneratorExit")
        raise
    finally:
        log.append(name + " finally")
a = g("a")
next(a)
a.close()
print(log, a.gi_frame is None)
a.close()
log.clear()
b = g("b")
next(b)
del b
print(log)
log.clear()
c = g("c")
c.close()
print("unstarted close", log)
def ignoring():
    try:
        yield 1
    except GeneratorExit:
        yield 2
d = ignoring()
next(d)
try:
    d.close()
except RuntimeError as e:
    print("RuntimeError:", e)
def returning():
    try:
        yield 1
    finally:
        return 7
r = returning()
next(r)
print(r.close())
def fin_only():
    try:
        yield "x"
    finally:
        print("fin_only finally")
for v in fin_only():
    print(v)
    break
print("after break")
gc.collect()
