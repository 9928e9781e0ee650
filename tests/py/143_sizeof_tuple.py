# sys.getsizeof(tuple): 40 + 8 per item (the empty tuple is a 40-byte singleton)
import sys
print([sys.getsizeof(tuple(range(n))) for n in range(0, 25)])
print(sys.getsizeof(()), sys.getsizeof((1,)), sys.getsizeof((1, 2)), sys.getsizeof(((1, 2), (3, 4))))
print(sys.getsizeof(tuple("a" * 1000)), sys.getsizeof(tuple([None] * 100)))
t = (1, 2, 3)
print(sys.getsizeof(t + t), sys.getsizeof(t * 3), sys.getsizeof(t[1:]), sys.getsizeof(t[:0]))
print(sys.getsizeof(tuple([[]] * 7)), sys.getsizeof((10**100,)))
