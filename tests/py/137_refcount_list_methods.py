# list methods and the references they add or drop
import sys
class C:
    pass
o = C()
base = sys.getrefcount(o)
l = []
steps = []
l.append(o)
steps.append(sys.getrefcount(o) - base)
l.insert(0, o)
steps.append(sys.getrefcount(o) - base)
l.extend([o, o])
steps.append(sys.getrefcount(o) - base)
l += [o]
steps.append(sys.getrefcount(o) - base)
l *= 2
steps.append(sys.getrefcount(o) - base)
l.remove(o)
steps.append(sys.getrefcount(o) - base)
x = l.pop()
steps.append(sys.getrefcount(o) - base)
del x
steps.append(sys.getrefcount(o) - base)
l[0] = None
steps.append(sys.getrefcount(o) - base)
del l[:3]
steps.append(sys.getrefcount(o) - base)
l.reverse()
l.sort(key=lambda v: 0)
steps.append(sys.getrefcount(o) - base)
l.clear()
steps.append(sys.getrefcount(o) - base)
print(steps)
