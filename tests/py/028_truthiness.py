# truth values, and/or/not returning operands, short-circuit evaluation
vals = [0, 1, -1, 0.0, 0.1, "", "0", [], [0], (), (None,), {}, {0: 0}, set(), None, True, False,
        b"", bytearray(), range(0), range(1)]
print([v for v in vals if v])
print([not v for v in vals])
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or [], [] or None, "" or "x", "a" and "")
print(not 0, not "x", not not [], (1 and None) is None)
trace = []
def t(v):
    trace.append(v)
    return v
r = t(0) and t(1)
r2 = t(2) or t(3)
r3 = t(0) or t("") or t("last")
print(r, r2, r3, trace)
x = 5
print(1 < x < 10, 1 < x > 10, x == 5 == 5.0, 0 < x < 3 or x)
if []:
    print("never")
elif [0]:
    print("nonempty list is true")
class Thing:
    pass
print("instances:", not Thing(), Thing() and "truthy")
n = 3
while n:
    n -= 1
print("n =", n)
print(True + True, True * 10, False - 1, True / 2, -True, 5 + False)
print(True == 1, False == 0, 1 == True, True != 2)
