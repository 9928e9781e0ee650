# del of names, items, slices and attributes: refcount effects and errors
import sys
class O:
    pass
o = O()
b = sys.getrefcount(o)
alias = o
lst = [o, o, o]
d = {"k": o}
holder = O()
holder.attr = o
print(sys.getrefcount(o) - b)
del alias
print(sys.getrefcount(o) - b)
del lst[0]
print(sys.getrefcount(o) - b, len(lst))
del lst[:]
print(sys.getrefcount(o) - b, lst)
del d["k"]
print(sys.getrefcount(o) - b, d)
del holder.attr
print(sys.getrefcount(o) - b, vars(holder))
nums = list(range(10))
del nums[::3]
print(nums)
del nums[1:3], nums[0]
print(nums)
try:
    del nums[100]
except IndexError as e:
    print("IndexError:", e)
try:
    del d["missing"]
except KeyError as e:
    print("KeyError:", e)
try:
    del holder.attr
except AttributeError as e:
    print("AttributeError:", e)
try:
    del undefined_thing
except NameError as e:
    print("NameError:", e)
t = (1, 2)
try:
    del t[0]
except TypeError as e:
    print("TypeError:", e)
x, y = o, o
del x, y
print(sys.getrefcount(o) - b)
ba = bytearray(b"abcdef")
del ba[1::2]
print(ba)
