# the small-int cache: -5..256 are shared objects, other ints are created per operation
import gc
gc.collect()    # empties the free lists: what follows does not depend on what ran before
x = 200
def make(v):
    return v + 0
a = x + 56
b = x + 56
print("256:", a is b, a == b)
a = x + 57
b = x + 57
print("257:", a is b, a == b)
n = -x + 195
m = -x + 195
print("-5:", n is m)
n = -x + 194
m = -x + 194
print("-6:", n is m)
print("int() of strings:", int("100") is int("100"), int("1000") is int("1000"))
zero = 0
minus_one = -1
print("results in range:", make(0) is make(0), make(-1) is minus_one, (x - 200) is zero)
two = len([1, 2])
print("len() result is the cached 2:", two is make(2), sum([100, 100]) is make(200))
vals = [i for i in range(250, 262)]
vals2 = [i for i in range(250, 262)]
print([v is w for v, w in zip(vals, vals2)])
big1 = 10**20
big2 = 10**20
print("folded constants in one code object are shared:", big1 is big2)
c = x * 10**18
d = x * 10**18
print("computed big ints are not:", c is d, c == d)
