# argument errors of builtin type constructors: too many arguments, unknown keywords, a non-type as base class
try:
    int(1, 2, 3)
except TypeError as e: print(e)
try:
    float(1, 2)
except TypeError as e: print(e)
try:
    str(1, 2, 3, 4)
except TypeError as e: print(e)
try:
    int(x=1)
except TypeError as e: print(e)
try:
    bool(1, 2)
except TypeError as e: print(e)
try:
    class W(5): pass
except TypeError as e:
    print("TypeError:", e)
