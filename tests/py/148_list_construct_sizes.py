# capacity of lists built in different ways
import sys
HDR = sys.getsizeof([])
def cap(l):
    return (sys.getsizeof(l) - HDR) // 8
for n in (0, 1, 2, 3, 5, 9, 16, 17):
    src = [0] * n
    print(n, cap(list(range(n))), cap([None] * n), cap(src.copy()), cap(src[:]), cap(list(src)),
          cap([x for x in range(n)]), cap(src + []), cap(list("y" * n)), cap(sorted(src)))
print("literals:", cap([]), cap([1]), cap([1, 2]), cap([1, 2, 3]), cap([1, 2, 3, 4, 5]))
a = 1
print("non-constant literals:", cap([a]), cap([a, a]), cap([a, a, a]), cap([a] * 3))
print("list(dict) / list(set) / list(tuple):", cap(list({1: 0, 2: 0, 3: 0})), cap(list({1, 2, 3})), cap(list((1, 2, 3))))
print("map/zip/filter/enumerate:", cap(list(map(abs, [1, 2, 3]))), cap(list(zip([1, 2, 3], [1, 2, 3]))),
      cap(list(filter(None, [1, 2, 3]))), cap(list(enumerate([1, 2, 3]))))
print("reversed:", cap(list(reversed([1, 2, 3]))), "str.split:", cap("a b c".split()))
print("dict views:", cap(list({1: 0}.keys())), cap(list({1: 0, 2: 0}.items())))
